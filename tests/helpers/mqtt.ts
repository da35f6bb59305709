import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/** Resolves on CONNACK; rejects with the broker's refusal (e.g. bad username or password). */
export async function connect(
	url: string,
	clientId?: string,
	options: IClientOptions = {}
): Promise<MqttClient> {
	const client = mqtt.connect(url, {
		clientId,
		reconnectPeriod: 500,
		connectTimeout: 5000,
		...options
	});
	await new Promise<void>((resolve, reject) => {
		client.once('connect', () => resolve());
		client.once('error', reject);
	});
	return client;
}

/** Publishes QoS 1 and resolves when the broker has acknowledged every message. */
export async function publishAll(
	client: MqttClient,
	messages: { topic: string; payload: string | Buffer }[],
	window = 500
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < messages.length) {
			const m = messages[next++];
			await client.publishAsync(m.topic, m.payload, { qos: 1 });
		}
	};
	await Promise.all(Array.from({ length: Math.min(window, messages.length) }, worker));
}

export function end(client: MqttClient): Promise<void> {
	return new Promise((r) => client.end(false, {}, () => r()));
}
