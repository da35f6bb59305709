import { INGEST_FILTER, isAdapterTopic, parseMessage } from '$lib/contracts';
import {
	devicePublishRefusal,
	deviceSender,
	type DeviceRefusal,
	type TeamOfResource
} from '../auth/device-acl';
import type { DeviceIdentity } from '../auth/devices';
import type { DoorPublish } from '../broker/embedded';
import type { Rejection, Validation } from './batch';
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
	isFull: () => boolean,
	/** Which team operates a resource (device credentials on): broker/resource-teams.ts. */
	teamOfResource?: TeamOfResource
): {
	source: Source;
	onPublish(publish: DoorPublish): void;
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
		onPublish({ topic, payload, qos, device, release, refuse }) {
			// A device's publish is judged here, wherever it goes: a refused one is dead-lettered.
			const judged = device ? judge(topic, payload, device, teamOfResource) : null;
			if (judged?.refusal) refuse(judged.refusal.reason);
			else if (!device && !topic.startsWith(PREFIX) && !isAdapterTopic(topic)) return release();
			// Shutting down: never released, so never acknowledged; the device sends it again.
			if (!taking) return;
			enqueue({
				topic,
				payload,
				receivedAt: new Date(),
				// QoS 1 and 2: released (acknowledged) after the commit
				ack: qos > 0 ? release : () => {},
				parsed: judged?.parsed,
				relayer: device ? { username: device.username, teamId: device.teamId } : undefined
			});
			if (qos === 0) {
				if (isFull()) waiting.push(release);
				else release();
			}
		}
	};
}

/**
 * A device's message, validated once here (the writer takes the result), and refused as
 * `not_authorized` when the device may not publish it (auth/device-acl.ts), recorded as sent by
 * the device rather than by whom it claims to be.
 */
function judge(
	topic: string,
	payload: Buffer,
	device: DeviceIdentity,
	teamOfResource: TeamOfResource | undefined
): { parsed: Validation; refusal: DeviceRefusal | null } {
	const parsed = parseMessage(topic, payload);
	const refusal = devicePublishRefusal(topic, parsed, device, teamOfResource);
	if (!refusal) return { parsed, refusal };
	const rejection: Rejection = {
		ok: false,
		family: parsed.ok ? parsed.message.family : parsed.family,
		reason: 'not_authorized',
		detail: refusal.detail,
		msgId: parsed.ok ? parsed.message.msgId : parsed.msgId,
		sender: deviceSender(device.username)
	};
	return { parsed: rejection, refusal };
}
