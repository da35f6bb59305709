import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_MAX_PACKET_BYTES } from '$lib/contracts/decode';
import { LOG_LEVELS, hidePassword } from '../ops/log';
import { channelFields, channelIssues } from '../messaging/channels/config';

export { hidePassword };

/**
 * Configuration from the environment, validated once at start-up. Every bad value gets a message
 * that names the variable, what was given and what is expected; the process does not start with a
 * half-understood configuration.
 */
const portNumber = (name: string) =>
	z.coerce
		.number({ message: `${name} must be a port number (1–65535)` })
		.int(`${name} must be a whole number`)
		.min(1, `${name} must be between 1 and 65535`)
		.max(65535, `${name} must be between 1 and 65535`);
const port = (name: string, dflt: number) => portNumber(name).default(dflt);

const url = (name: string, protocols: string[]) =>
	z
		.string()
		.trim()
		.refine(
			(v) => {
				try {
					return protocols.includes(new URL(v).protocol);
				} catch {
					return false;
				}
			},
			`${name} must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`
		);

const positiveInt = (name: string, dflt: number) =>
	z.coerce
		.number({ message: `${name} must be a number` })
		.int(`${name} must be a whole number`)
		.positive(`${name} must be greater than 0`)
		.default(dflt);

const empty = (v: unknown) => (v === '' ? undefined : v);

const fields = z.object({
	DATABASE_URL: z.preprocess(empty, url('DATABASE_URL', ['postgres:', 'postgresql:']).optional()),
	PGLITE_DIR: z.preprocess(empty, z.string().default('./data/pglite')),
	MQTT_URL: z.preprocess(
		empty,
		url('MQTT_URL', ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:']).optional()
	),
	MQTT_PORT: z.preprocess(empty, port('MQTT_PORT', 1883)),
	// Unset: the embedded broker has no MQTT-over-WebSocket listener at all.
	MQTT_WS_PORT: z.preprocess(empty, portNumber('MQTT_WS_PORT').optional()),
	MQTT_WS_ORIGINS: z.preprocess(
		empty,
		z
			.string()
			.transform((v) => v.split(',').map((o) => o.trim()))
			.refine(
				(list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o) && new URL(o).origin === o),
				'MQTT_WS_ORIGINS must be a comma-separated list of origins like https://eoc.example.tj ' +
					'(scheme and host, no path)'
			)
			.optional()
	),
	MQTT_MAX_PACKET_BYTES: z.preprocess(
		empty,
		// A packet carries the topic and headers besides its payload: 8 KiB over the contract's
		// 384 KiB payload limit (MAX_PAYLOAD_BYTES), so every valid message fits and one just over
		// it is dead-lettered (too_large, with its size and hash) instead of closing the device's
		// connection.
		positiveInt('MQTT_MAX_PACKET_BYTES', DEFAULT_MAX_PACKET_BYTES).refine(
			(n) => n >= 1024 && n <= 268_435_455,
			"MQTT_MAX_PACKET_BYTES must be between 1024 and 268435455 (MQTT's own limit)"
		)
	),
	MQTT_HOST: z.preprocess(empty, z.string().default('127.0.0.1')),
	MQTT_CLIENT_ID: z.preprocess(
		empty,
		z
			.string()
			.regex(/^[A-Za-z0-9_-]{1,64}$/, 'MQTT_CLIENT_ID may hold only letters, digits, _ and -')
			.default('eocwall-ingest')
	),
	MQTT_SHARE_GROUP: z.preprocess(
		empty,
		z
			.string()
			.regex(/^[A-Za-z0-9_-]{1,64}$/, 'MQTT_SHARE_GROUP may hold only letters, digits, _ and -')
			.optional()
	),
	PORT: z.preprocess(empty, port('PORT', 3000)),
	ORIGIN: z.preprocess(empty, url('ORIGIN', ['http:', 'https:']).optional()),
	LOG_LEVEL: z.preprocess(
		empty,
		z
			.enum(LOG_LEVELS, {
				message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`
			})
			.default('info')
	),
	RETENTION_DAYS: z.preprocess(empty, positiveInt('RETENTION_DAYS', 90)),
	// Accounts (docs/deploy.md, "Sign-in and accounts").
	SESSION_MAX_AGE_DAYS: z.preprocess(empty, positiveInt('SESSION_MAX_AGE_DAYS', 30)),
	ONE_TIME_PASSWORD_HOURS: z.preprocess(empty, positiveInt('ONE_TIME_PASSWORD_HOURS', 24)),
	EOC_SEED: z.preprocess(
		empty,
		z.enum(['demo', 'none'], { message: 'EOC_SEED must be demo or none' }).default('demo')
	),
	EOC_DEMO_FEED: z.preprocess(
		empty,
		z.enum(['on', 'off'], { message: 'EOC_DEMO_FEED must be on or off' }).default('on')
	),
	BASEMAP_PMTILES: z.preprocess(
		empty,
		z
			.string()
			.refine(
				(p) => existsSync(p) && statSync(p).isFile(),
				'BASEMAP_PMTILES must name a .pmtiles file that exists (unset it to run without a basemap)'
			)
			.optional()
	),
	TERRAIN_PATH: z.preprocess(
		empty,
		z
			.string()
			.refine(
				(p) => /\.(tiff?|hgt)$/i.test(p) && existsSync(p) && statSync(p).isFile(),
				'TERRAIN_PATH must name a GeoTIFF (.tif) or SRTM (.hgt) file that exists ' +
					'(unset it to use the synthetic Kulob terrain)'
			)
			.optional()
	),
	INGEST_MAX_BATCH: z.preprocess(empty, positiveInt('INGEST_MAX_BATCH', 2000)),
	INGEST_MAX_PENDING: z.preprocess(empty, positiveInt('INGEST_MAX_PENDING', 20000)),
	INGEST_MAX_PENDING_BYTES: z.preprocess(
		empty,
		positiveInt('INGEST_MAX_PENDING_BYTES', 64 * 1024 * 1024)
	),
	// Live streams (/api/v1/stream): per signed-in person or token, and in all (#12 item 6).
	STREAM_MAX_PER_PRINCIPAL: z.preprocess(empty, positiveInt('STREAM_MAX_PER_PRINCIPAL', 32)),
	STREAM_MAX_TOTAL: z.preprocess(empty, positiveInt('STREAM_MAX_TOTAL', 1000)),
	MQTT_DEVICE_AUTH: z.preprocess(
		empty,
		z.enum(['on', 'off'], { message: 'MQTT_DEVICE_AUTH must be on or off' }).optional()
	),
	// Messaging channels (#17, docs/messaging.md).
	...channelFields
});

/** An address only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
	return /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i.test(host);
}

/**
 * Settings that depend on each other. MQTT_DEVICE_AUTH defaults to `on` when the embedded broker
 * listens beyond this machine (devices from the network must present credentials) and to `off`
 * on loopback (the demo feed, simulators and tests publish without them). With MQTT_URL the
 * broker is not ours: its authentication is configured there (docs/deploy.md), and `on` here
 * would promise a protection the app cannot give.
 */
export const configSchema = fields
	.superRefine((c, ctx) => {
		channelIssues(c, ctx);
		if (c.MQTT_URL && c.MQTT_DEVICE_AUTH === 'on')
			ctx.addIssue({
				code: 'custom',
				path: ['MQTT_DEVICE_AUTH'],
				message:
					'MQTT_DEVICE_AUTH=on applies to the embedded broker only: with MQTT_URL, configure ' +
					"the broker's own passwords and ACL (docs/deploy.md) and leave MQTT_DEVICE_AUTH unset"
			});
	})
	.transform((c) => ({
		...c,
		MQTT_DEVICE_AUTH: c.MQTT_DEVICE_AUTH ?? (c.MQTT_URL || isLoopback(c.MQTT_HOST) ? 'off' : 'on'),
		// A browser may open MQTT over WebSocket only from these pages: by default the app's own.
		MQTT_WS_ORIGINS: c.MQTT_WS_ORIGINS ?? (c.ORIGIN ? [new URL(c.ORIGIN).origin] : [])
	}));

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = configSchema.safeParse(env);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((i) => {
		const name = String(i.path[0] ?? '');
		const given = env[name];
		return `${i.message}${given === undefined ? '' : ` (got "${hidePassword(given)}")`}`;
	});
	throw new ConfigError(problems);
}
