import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import { version } from '../../../../package.json';

/**
 * Prometheus metrics, one registry for the process, served as text on /metrics. Node.js's own
 * (process_cpu_seconds_total, nodejs_heap_size_used_bytes, …) under their standard names, so
 * that the usual dashboards and alerts work as they are; the app's own start with `eocwall_`.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const buildInfo = new Gauge({
	name: 'eocwall_build_info',
	help: 'Always 1; the version and the git commit of the running build as labels',
	labelNames: ['version', 'commit'] as const,
	registers: [registry]
});
// Defined by the build (vite.config.ts); absent when a script runs this module through tsx.
const commit = typeof __EOC_COMMIT__ === 'string' && __EOC_COMMIT__ ? __EOC_COMMIT__ : 'unknown';
buildInfo.set({ version, commit }, 1);

export const databaseUp = new Gauge({
	name: 'eocwall_database_up',
	help: '1 when the database answered a query at the last scrape, else 0',
	registers: [registry]
});

export const brokerUp = new Gauge({
	name: 'eocwall_broker_up',
	help: "1 when the ingest's MQTT connection is up, else 0",
	registers: [registry]
});

export const channelUp = new Gauge({
	name: 'eocwall_channel_up',
	help: 'Per configured messaging channel: 1 when its last send, poll or bind worked, else 0',
	labelNames: ['channel'] as const,
	registers: [registry]
});

/** Route ids and a fixed set of methods: a path that names nothing is `unmatched`, not itself. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
export const httpSeconds = new Histogram({
	name: 'eocwall_http_request_duration_seconds',
	help: 'Time to the response head (streams: until they start), by route id, method and status',
	labelNames: ['route', 'method', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

export function observeHttp(route: string | null, method: string, status: number, s: number) {
	httpSeconds.observe(
		{
			route: route ?? 'unmatched',
			method: METHODS.has(method) ? method : 'other',
			status: String(status)
		},
		s
	);
}

export const messages = new Counter({
	name: 'eocwall_ingest_messages_total',
	help: 'MQTT messages by topic family and outcome (stored, duplicate, rejected, ignored)',
	labelNames: ['family', 'outcome'] as const,
	registers: [registry]
});

export const rejections = new Counter({
	name: 'eocwall_ingest_rejections_total',
	help: 'Dead-lettered messages by reason',
	labelNames: ['reason'] as const,
	registers: [registry]
});

export const batchSize = new Histogram({
	name: 'eocwall_ingest_batch_size',
	help: 'Messages per committed batch',
	buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
	registers: [registry]
});

export const commitSeconds = new Histogram({
	name: 'eocwall_ingest_commit_seconds',
	help: 'Time to write and commit one batch',
	buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
	registers: [registry]
});

export const commitFailures = new Counter({
	name: 'eocwall_ingest_commit_failures_total',
	help: 'Batches whose transaction failed and will be retried',
	registers: [registry]
});

export const alarmPassSeconds = new Histogram({
	name: 'eocwall_alarm_pass_seconds',
	help: 'Time of one alarm engine pass (read the subjects, evaluate the rules, write the alarms)',
	buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
	registers: [registry]
});

export const pending = new Gauge({
	name: 'eocwall_ingest_pending_messages',
	help: 'Messages received and not yet committed',
	registers: [registry]
});

export const streamClients = new Gauge({
	name: 'eocwall_stream_clients',
	help: 'Connected Server-Sent Events clients',
	registers: [registry]
});

/** Age of the oldest message received and not yet committed; set by whoever owns the writer. */
export const lagSeconds = new Gauge({
	name: 'eocwall_ingest_lag_seconds',
	help: 'Age of the oldest message received and not yet committed',
	registers: [registry]
});

/**
 * What the embedded broker refused field devices (MQTT_DEVICE_AUTH=on): `bad_credentials` (a
 * CONNECT), `topic` (a publish outside its team's topics), `sender` (a report in another team's
 * name), `subscribe` (a filter other than its team's taskings). A refused publish is acknowledged
 * and dead-lettered as `not_authorized`, never forwarded.
 */
export const mqttRefused = new Counter({
	name: 'eocwall_mqtt_refused_total',
	help: 'Device connects, publishes and subscriptions refused by the embedded broker, by reason',
	labelNames: ['reason'] as const,
	registers: [registry]
});

/**
 * Open connections to the embedded broker, by transport: `tcp` (MQTT_PORT) or `websocket`
 * (`/mqtt` on the app's port, and MQTT_WS_PORT). The app's own clients count under `tcp`.
 */
export const mqttConnections = new Gauge({
	name: 'eocwall_mqtt_connections',
	help: 'Open connections to the embedded MQTT broker, by transport',
	labelNames: ['transport'] as const,
	registers: [registry]
});

/**
 * The outbox (#17): rows by channel and status, refreshed every few seconds by the running
 * messaging (messaging/start.ts), not at each scrape, so a scrape never waits on a count.
 */
export const outboxMessages = new Gauge({
	name: 'eocwall_outbox_messages',
	help: 'Outbox rows by channel and status (queued, sending, sent, delivered, failed, unknown)',
	labelNames: ['channel', 'status'] as const,
	registers: [registry]
});

export const outboxSent = new Counter({
	name: 'eocwall_outbox_sent_total',
	help: 'Messages a channel took, by channel',
	labelNames: ['channel'] as const,
	registers: [registry]
});

export const outboxFailures = new Counter({
	name: 'eocwall_outbox_failures_total',
	help: 'Failed attempts by channel and outcome (retry: tried again later; failed: for good)',
	labelNames: ['channel', 'outcome'] as const,
	registers: [registry]
});

export const outboxLatency = new Histogram({
	name: 'eocwall_outbox_queue_to_sent_seconds',
	help: 'From the row written (the decision) to the channel taking the message, by channel',
	labelNames: ['channel'] as const,
	buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
	registers: [registry]
});
