import type { z } from 'zod';
import {
	refusedPayloadSchema,
	resourceTaskingPayloadSchema,
	taskingPayloadSchema,
	topics
} from '$lib/contracts';
import type { Logger } from '../ops/log';
import type { AppBroker } from '../broker/client';

export interface TaskingPublisher {
	/**
	 * Publishes a team's tasking (QoS 1, retained: a device that connects later still gets its
	 * current tasking). Resolves true when the broker acknowledged it, false when it is queued
	 * because the broker is unreachable (mqtt.js sends it on reconnect).
	 */
	publish(teamId: string, payload: TaskingMessage): Promise<boolean>;
	/** The same for a resource assigned to a request (`eoc/v1/resources/{id}/tasking`). */
	publishResource(resourceId: string, payload: ResourceTaskingMessage): Promise<boolean>;
	/**
	 * Tells a team that a message it sent was refused (`eoc/v1/teams/{teamId}/refused`, QoS 1,
	 * not retained: each refusal is news once). Never rejects: a failure is logged.
	 */
	publishRefused(teamId: string, payload: RefusedMessage): Promise<boolean>;
	stop(): Promise<void>;
}

/** A tasking as it goes on the wire (JSON: ts an ISO string). */
export type TaskingMessage = z.input<typeof taskingPayloadSchema>;
export type ResourceTaskingMessage = z.input<typeof resourceTaskingPayloadSchema>;
export type RefusedMessage = z.input<typeof refusedPayloadSchema>;

const ACK_WAIT_MS = 3000;

/** One MQTT client for what the EOC publishes to teams; the same contract as the devices read. */
export function startTaskingPublisher(
	broker: AppBroker,
	clientId: string,
	log: Logger
): TaskingPublisher {
	const client = broker.connect(`${clientId}-tasking`, { reconnectPeriod: 2000 });
	client.on('error', (err) => log.warn({ err: err.message }, 'tasking publisher: mqtt error'));
	const send = (topic: string, payload: unknown, about: Record<string, string>, retain = true) =>
		new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), ACK_WAIT_MS);
			client.publish(topic, JSON.stringify(payload), { qos: 1, retain }, (err) => {
				clearTimeout(timer);
				if (err) log.error({ err: err.message, topic, ...about }, 'not published to the field');
				resolve(!err);
			});
		});
	return {
		publish: (teamId, payload) => {
			taskingPayloadSchema.parse(payload); // ours too: never publish off the contract
			return send(topics.tasking(teamId), payload, { teamId });
		},
		publishResource: (resourceId, payload) => {
			resourceTaskingPayloadSchema.parse(payload);
			return send(topics.resourceTasking(resourceId), payload, { resourceId });
		},
		publishRefused: async (teamId, payload) => {
			try {
				refusedPayloadSchema.parse(payload);
				return await send(topics.refused(teamId), payload, { teamId }, false);
			} catch (err) {
				log.error({ err: String(err), teamId }, 'refusal not published to the team');
				return false;
			}
		},
		stop: () => client.endAsync().then(() => undefined)
	};
}
