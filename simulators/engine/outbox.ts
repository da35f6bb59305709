/**
 * Everything the drill publishes goes through here: the exercise id is stamped on, each sender's
 * msgIds are numbered in order (so the same seed gives the same msgIds), and every payload is
 * checked with the ingest's own parser (src/lib/contracts) before it leaves: a drill must never
 * publish what the EOC would dead-letter.
 */
import {
	matchTopic,
	parseMessage,
	senderOf,
	type InjectEffectRefPayload as InjectEffectRef
} from '../../src/lib/contracts';
import type { Publish } from './types';

/** Publishes an XML (or other text) payload, resolving on PUBACK: the CAP warning. */
export type PublishText = (topic: string, text: string) => Promise<void>;

export class InvalidPayloadError extends Error {}

/** The ingest's sender of a message (the first half of its dedup key). */
export function senderFor(topic: string, payload: Record<string, unknown>): string {
	const match = matchTopic(topic);
	const reporter = typeof payload.reporter === 'string' ? payload.reporter : null;
	const sender = match ? senderOf(match, reporter) : null;
	if (!sender) throw new InvalidPayloadError(`no sender for ${topic}`);
	return sender;
}

export class Outbox {
	#counters = new Map<string, number>();

	constructor(
		private readonly exerciseId: string,
		private readonly publish: Publish,
		private readonly now: () => number,
		private readonly publishText?: PublishText
	) {}

	/** Forget the msgId counters (a reset: the EOC deleted the exercise's dedup keys too). */
	restart(): void {
		this.#counters.clear();
	}

	/** The next msgId of a sender: `<exercise>-<n>`, unique per sender within the exercise. */
	nextMsgId(sender: string): string {
		const n = (this.#counters.get(sender) ?? 0) + 1;
		this.#counters.set(sender, n);
		return `${this.exerciseId}-${n}`;
	}

	/**
	 * Validates and publishes one JSON payload at wall time `ts`; returns its reference. A payload
	 * the contracts refuse is not published: it throws InvalidPayloadError naming the reason.
	 */
	async send(
		topic: string,
		body: Record<string, unknown>,
		ts: number,
		msgId?: string
	): Promise<InjectEffectRef> {
		const sender = senderFor(topic, body);
		const payload = {
			msgId: msgId ?? this.nextMsgId(sender),
			ts: new Date(ts).toISOString(),
			exercise: this.exerciseId,
			...body
		};
		const parsed = parseMessage(topic, Buffer.from(JSON.stringify(payload)), new Date(this.now()));
		if (!parsed.ok) {
			throw new InvalidPayloadError(`${topic}: ${parsed.reason}: ${parsed.detail}`);
		}
		await this.publish(topic, payload);
		const family: string = parsed.message.family;
		const match = matchTopic(topic);
		return { family, id: match?.id ?? null, sender, msgId: payload.msgId };
	}

	/** Publishes a text payload (CAP XML) when the host gave a text publisher; false otherwise. */
	async sendText(topic: string, text: string): Promise<boolean> {
		if (!this.publishText) return false;
		await this.publishText(topic, text);
		return true;
	}
}
