/**
 * The drill's simulated crews answer their taskings: when the console assigns a drill's team, the
 * team "accepts" over MQTT (`eoc/v1/teams/{teamId}/tasking/ack`) after a short scripted delay,
 * as a field team's device would, so a drill's after-action report has times to accept. Only
 * taskings of a drill that runs in this process, and only fresh ones (a retained tasking from
 * before is not answered again).
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { matchTopic, taskingPayloadSchema, topicFilter, topics } from '$lib/contracts';
import { log } from '../ops/log';

/** How long a simulated crew takes to accept (wall clock). */
export const CREW_ACCEPT_DELAY_MS = 15_000;
/** A tasking older than this when it arrives is not answered (a retained one from before). */
const FRESH_MS = 60_000;

/** The answer a simulated crew sends to one tasking message, or null when it sends none. */
export function crewAnswer(
	topic: string,
	payload: Buffer | string,
	now: Date,
	running: (exercise: string) => boolean
): { topic: string; payload: Record<string, unknown> } | null {
	const match = matchTopic(topic);
	if (match?.family !== 'tasking') return null;
	let json: unknown;
	try {
		json = JSON.parse(payload.toString());
	} catch {
		return null;
	}
	const t = taskingPayloadSchema.safeParse(json);
	if (!t.success || !t.data.exercise || !running(t.data.exercise)) return null;
	if (now.getTime() - t.data.ts.getTime() > FRESH_MS) return null;
	return {
		topic: topics.taskingAck(match.id),
		payload: {
			msgId: `crew-${randomBytes(8).toString('hex')}`,
			// Stamped when it is sent (the caller sets it after the delay).
			ts: now.toISOString(),
			exercise: t.data.exercise,
			taskingId: t.data.msgId,
			answer: 'accepted'
		}
	};
}

/** Subscribes the drills' client to the teams' taskings and answers those of running drills. */
export function startCrews(
	client: MqttClient,
	running: (exercise: string) => boolean,
	delayMs = CREW_ACCEPT_DELAY_MS
): () => void {
	const timers = new Set<ReturnType<typeof setTimeout>>();
	const onMessage = (topic: string, payload: Buffer) => {
		const answer = crewAnswer(topic, payload, new Date(), running);
		if (!answer) return;
		const timer = setTimeout(() => {
			timers.delete(timer);
			const body = { ...answer.payload, ts: new Date().toISOString() };
			client
				.publishAsync(answer.topic, JSON.stringify(body), { qos: 1 })
				.catch((err: Error) => log.warn({ err: err.message }, 'drill crew: answer not sent'));
		}, delayMs);
		timers.add(timer);
	};
	client.on('message', onMessage);
	client.subscribe(topicFilter('tasking'), { qos: 1 });
	return () => {
		client.off('message', onMessage);
		for (const t of timers) clearTimeout(t);
	};
}
