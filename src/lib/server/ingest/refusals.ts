import { randomUUID } from 'node:crypto';
import { MAX_REFUSED_DETAIL, matchTopic, type RefusedPayload } from '$lib/contracts';
import type { DeadLetterNote } from './batch';

/** A `refused` message, as it goes on the wire (ts an ISO string), and the team it goes to. */
export interface RefusalFeedback {
	teamId: string;
	payload: Omit<RefusedPayload, 'ts' | 'exercise'> & { ts: string };
}

// Team topics a team's own device publishes to: a dead letter there is told to the team named.
const TEAM_SENT = new Set(['position', 'status', 'tasking_ack']);

/**
 * Whether a payload says it comes from a drill (an `exercise` id): a simulator's dead letters are
 * the drill's business, not a real team's phone's. Read only for dead letters (rare), and
 * leniently: a payload that is not a JSON object says nothing.
 */
function fromDrill(payload: Buffer): boolean {
	try {
		const body: unknown = JSON.parse(payload.toString('utf8'));
		return (
			typeof body === 'object' &&
			body !== null &&
			typeof (body as Record<string, unknown>).exercise === 'string'
		);
	} catch {
		return false;
	}
}

/**
 * Who is told that a dead letter was refused, and what: the team of the device that sent it (the
 * embedded broker with device credentials knows it), else the team named by a team topic it was
 * sent to. Nobody for a drill's message, for anything sent on a topic the EOC itself publishes
 * (its refusals and taskings: a refusal must never answer a refusal), or when no team is known.
 */
export function refusalFeedback(note: DeadLetterNote, now = new Date()): RefusalFeedback | null {
	const match = matchTopic(note.topic);
	if (match?.family === 'refused' || match?.family === 'tasking') return null;
	const teamId = note.relayer?.teamId ?? (match && TEAM_SENT.has(match.family) ? match.id : null);
	if (!teamId || fromDrill(note.payload)) return null;
	return {
		teamId,
		payload: {
			msgId: randomUUID(),
			ts: now.toISOString(),
			...(note.msgId ? { refusedMsgId: note.msgId.slice(0, 128) } : {}),
			topic: note.topic.slice(0, 1000),
			reason: note.reason.slice(0, 64),
			detail: note.detail.slice(0, MAX_REFUSED_DETAIL)
		}
	};
}
