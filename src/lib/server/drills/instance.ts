import type { MqttClient } from 'mqtt';
import { log } from '../ops/log';
import { services } from '../app/runtime';
import { startCrews } from './crew';
import { appEngine } from './engine';
import { DrillRegistry } from './registry';

const KEY = Symbol.for('eocwall.drills');
type Held = { registry: DrillRegistry; client: MqttClient };
const held = globalThis as typeof globalThis & { [KEY]?: Held };

/**
 * The app's drill registry, made on first use and kept on globalThis (a dev reload must not lose
 * the running drills). Its drills publish with their own MQTT client to the broker the ingest
 * reads (the embedded broker or MQTT_URL), as the app (`services().mqtt`): the same path as
 * devices, QoS 1, each publish resolved on PUBACK.
 */
export function drills(): DrillRegistry {
	const h = held[KEY];
	if (h) return h.registry;
	const { mqtt, config } = services();
	const client = mqtt.connect(`${config.MQTT_CLIENT_ID}-drills`, { reconnectPeriod: 2000 });
	client.on('error', (err) => log.warn({ err: err.message }, 'drills: mqtt error'));
	const send = async (topic: string, text: string) => {
		await client.publishAsync(topic, text, { qos: 1 });
	};
	const registry = new DrillRegistry(
		appEngine(),
		(topic, payload) => send(topic, JSON.stringify(payload)),
		send
	);
	held[KEY] = { registry, client };
	// The drills' teams accept their taskings after a short delay (crew.ts).
	const stopCrews = startCrews(client, (exercise) =>
		registry.list().some((d) => d.exerciseId === exercise && d.status !== 'ended')
	);
	// A running drill's timer and client would keep the process alive past a graceful stop.
	process.once('sveltekit:shutdown', () => {
		stopCrews();
		registry.dispose();
		client.end(true);
		delete held[KEY];
	});
	return registry;
}
