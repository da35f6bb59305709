/**
 * The drill's MQTT publisher (mqtt.js): QoS 1, each publish resolving on its PUBACK. The CLI uses
 * it; the app's console may use it too or pass a `Publish` of its own.
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import type { PublishText } from './outbox';
import type { Publish } from './types';

export interface MqttPublisher {
	publish: Publish;
	publishText: PublishText;
	end(): Promise<void>;
}

export async function connectPublisher(
	url: string,
	opts: { username?: string; password?: string; clientId?: string } = {}
): Promise<MqttPublisher> {
	const client = await mqtt.connectAsync(url, {
		clientId: opts.clientId ?? `eocwall-drill-${randomBytes(4).toString('hex')}`,
		username: opts.username,
		password: opts.password,
		reconnectPeriod: 1000,
		connectTimeout: 10_000
	});
	const send = async (topic: string, text: string) => {
		await client.publishAsync(topic, text, { qos: 1 });
	};
	return {
		publish: (topic, payload) => send(topic, JSON.stringify(payload)),
		publishText: send,
		// Every publish was awaited to its PUBACK: nothing is left to flush.
		end: () => client.endAsync(true)
	};
}
