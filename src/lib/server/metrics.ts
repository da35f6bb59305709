import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, one registry for the process, served as text on /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'eocwall_' });

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
