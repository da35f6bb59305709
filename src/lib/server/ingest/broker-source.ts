import { INGEST_FILTER } from '$lib/contracts';
import type { Incoming, Source } from './source';

const PREFIX = INGEST_FILTER.replace(/#$/, ''); // 'eoc/v1/'

/**
 * The ingest fed by the embedded broker itself, before it acknowledges a publish: the device's
 * PUBACK is the commit's, so a crash of the process never loses an acknowledged message (the
 * device still holds it). No loopback subscription, no second copy. Memory stays bounded: aedes
 * reads a device's next packets only when all of the last read are released, and QoS 0 messages
 * wait while the writer is full.
 */
export function createBrokerSource(
	enqueue: (msg: Incoming) => void,
	isFull: () => boolean
): {
	source: Source;
	onPublish(topic: string, payload: Buffer, qos: number, release: () => void): void;
} {
	let taking = true;
	let waiting: (() => void)[] = [];
	const source: Source = {
		get connected() {
			return taking;
		},
		drained() {
			const ready = waiting;
			waiting = [];
			for (const release of ready) release();
		},
		stopTaking() {
			taking = false;
		},
		close: async () => {}
	};
	return {
		source,
		onPublish(topic, payload, qos, release) {
			if (!topic.startsWith(PREFIX)) return release();
			// Shutting down: never released, so never acknowledged; the device sends it again.
			if (!taking) return;
			enqueue({
				topic,
				payload,
				receivedAt: new Date(),
				// QoS 1 and 2: released (acknowledged) after the commit
				ack: qos > 0 ? release : () => {}
			});
			if (qos === 0) {
				if (isFull()) waiting.push(release);
				else release();
			}
		}
	};
}
