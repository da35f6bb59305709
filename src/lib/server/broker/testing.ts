import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import * as metrics from '../ops/metrics';

/** For the broker's specs: an mqtt.js client that does not reconnect, kept in `clients` to end. */
export function connectOnce(
	url: string,
	options: IClientOptions,
	clients: MqttClient[]
): Promise<MqttClient> {
	const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
	clients.push(client);
	return new Promise((resolve, reject) => {
		client.once('connect', () => resolve(client));
		client.once('error', reject);
	});
}

/** How many refusals of this reason the broker counted so far (eocwall_mqtt_refused_total). */
export const refusedCount = async (reason: string) =>
	(await metrics.mqttRefused.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
