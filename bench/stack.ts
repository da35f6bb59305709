// The servers one benchmark backend runs on: a broker, a database, and the built app pointed at
// them. Every process and directory is registered for cleanup as soon as it exists.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import postgres from 'postgres';
import { ROOT, startApp, type RunningApp } from '../tests/helpers/app';
import { startMosquitto } from '../tests/helpers/mosquitto';
import { freePort } from '../tests/helpers/ports';
import { startAedesProcess, startMosquittoWith } from './brokers';
import { ownChildren, pidsByName, type CpuGroups } from './cpu';
import { onCleanup, withTimeout } from './util';

export type BackendName = 'embedded' | 'real' | 'inproc';

export const DESCRIPTIONS: Record<BackendName, string> = {
	embedded: 'PGlite + aedes (own process)',
	real: 'PostgreSQL 15 + Mosquitto',
	inproc: 'PGlite + aedes in the app'
};

export interface BenchApp {
	url: string;
	/** The seeded users and tokens (the API token reads /metrics and the stream). */
	auth: RunningApp['auth'];
	/** fetch a path of the app as an API client. */
	fetch: RunningApp['fetch'];
	pid: number;
	/** Messages stored since this app started (ingested_message rows, or the stored counter). */
	stored(): Promise<number>;
	stop(): Promise<void>;
}

export interface Stack {
	name: BackendName;
	/** The broker the publishers and the null subscriber use; null until an inproc app runs. */
	brokerUrl: string | null;
	startApp(): Promise<BenchApp>;
	/** The processes besides the bench itself whose CPU time is worth seeing. */
	cpu: CpuGroups;
	stop(): Promise<void>;
}

/** A new empty PostgreSQL database on the server of `base`, dropped at cleanup. */
async function freshPostgres(base: string): Promise<string> {
	const name = `eocwall_bench_${randomBytes(4).toString('hex')}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	onCleanup(`database ${name}`, async () => {
		const a = postgres(base, { max: 1, onnotice: () => {} });
		await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
		await a.end();
	});
	const u = new URL(base);
	u.pathname = `/${name}`;
	return u.toString();
}

function freshPgliteDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-pglite-'));
	onCleanup(`PGlite dir ${dir}`, () => rm(dir, { recursive: true, force: true }));
	return dir;
}

/** Sum of eocwall_ingest_messages_total{outcome="stored"} from the app's /metrics. */
async function storedFromMetrics(app: RunningApp): Promise<number> {
	const text = await (await app.fetch('/metrics')).text();
	let n = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith('eocwall_ingest_messages_total{') && line.includes('outcome="stored"'))
			n += Number(line.slice(line.lastIndexOf(' ') + 1));
	}
	return n;
}

/**
 * Removes the app's persistent session from the broker once the app is gone, so that messages
 * published afterwards (the next null-subscriber round) are not queued for it.
 */
async function dropSession(brokerUrl: string, clientId: string): Promise<void> {
	const c = mqtt.connect(brokerUrl, { clientId, clean: true, reconnectPeriod: 0 });
	await withTimeout(
		'clearing the app session',
		new Promise<void>((resolve, reject) => {
			c.once('connect', () => resolve());
			c.once('error', reject);
		}),
		10_000
	);
	await new Promise<void>((r) => c.end(false, {}, () => r()));
}

async function launch(
	entry: string,
	env: Record<string, string>,
	stored: (app: RunningApp) => Promise<number>,
	afterStop: () => Promise<void>
): Promise<BenchApp> {
	// BENCH_PROFILE_DIR (set by --profile): a V8 CPU profile of each app, written when it stops.
	const dir = process.env.BENCH_PROFILE_DIR;
	const profiled = join(ROOT, 'bench', 'profiled-app.mjs');
	// Until startApp returns there is no handle: an interrupt meanwhile kills the child by pid
	// (our own child running this run's private build copy).
	const starting = onCleanup('app (starting)', () =>
		ownChildren(dir ? profiled : entry).forEach((pid) => process.kill(pid, 'SIGKILL'))
	);
	const app = await startApp(
		{
			LOG_LEVEL: 'warn',
			EOC_SEED: 'none',
			// As deployed (docs/deploy.md, npm start); --app-env NODE_OPTIONS= runs without it.
			NODE_OPTIONS: '--max-semi-space-size=64',
			...(dir ? { BENCH_PROFILE_DIR: dir, BENCH_APP_ENTRY: entry } : {}),
			...env,
			// --app-env KEY=VALUE (e.g. INGEST_MAX_BATCH=5000): settings under test.
			...(JSON.parse(process.env.BENCH_APP_ENV ?? '{}') as Record<string, string>)
		},
		{ entry: dir ? profiled : entry }
	);
	await starting(false); // from here on the handle stops it
	const kill = onCleanup('app', async () => {
		const code = await withTimeout('the app to stop', app.kill('SIGTERM'), 15_000).catch(() =>
			app.kill('SIGKILL')
		);
		if (code !== 0 && code !== null) throw new Error(`app exited ${code}:\n${app.output()}`);
	});
	return {
		url: app.url,
		auth: app.auth,
		fetch: app.fetch,
		pid: app.proc.pid ?? 0,
		stored: () => stored(app),
		stop: async () => {
			await kill();
			await afterStop();
		}
	};
}

export async function startStack(
	name: BackendName,
	entry: string,
	databaseUrl?: string
): Promise<Stack> {
	const clientId = () => `eocwall-bench-${randomBytes(3).toString('hex')}`;
	let appPid = 0;
	const tracked = async (start: Promise<BenchApp>) => {
		const app = await start;
		appPid = app.pid;
		return app;
	};
	const app = () => (appPid ? [appPid] : []);
	if (name === 'real') {
		if (!databaseUrl) throw new Error('the real backend needs DATABASE_URL');
		// --mosquitto-conf: a candidate configuration instead of the production one.
		const conf = process.env.BENCH_MOSQUITTO_CONF;
		const mosquitto = conf ? await startMosquittoWith(conf) : await startMosquitto();
		const stopMosquitto = onCleanup('mosquitto', () => mosquitto.stop());
		const db = await freshPostgres(databaseUrl);
		const sql = postgres(db, { max: 1, onnotice: () => {} });
		onCleanup('postgres.js client', () => sql.end({ timeout: 2 }));
		const count = async () =>
			(await sql<{ n: number }[]>`select count(*)::int as n from ingested_message`)[0].n;
		return {
			name,
			brokerUrl: mosquitto.url,
			startApp: async () => {
				const id = clientId();
				let before = 0; // the app creates the tables: count once it is up
				const started = await tracked(
					launch(
						entry,
						{ DATABASE_URL: db, MQTT_URL: mosquitto.url, MQTT_CLIENT_ID: id },
						async () => (await count()) - before,
						() => dropSession(mosquitto.url, id)
					)
				);
				before = await count();
				return started;
			},
			// Every Mosquitto and PostgreSQL process on the machine: the machine's own are idle.
			cpu: { app, broker: () => pidsByName('mosquitto'), postgres: () => pidsByName('postgres') },
			stop: stopMosquitto
		};
	}
	const dir = freshPgliteDir();
	if (name === 'embedded') {
		const broker = await startAedesProcess();
		return {
			name,
			brokerUrl: broker.url,
			startApp: async () => {
				const id = clientId();
				return tracked(
					launch(
						entry,
						{ PGLITE_DIR: dir, MQTT_URL: broker.url, MQTT_CLIENT_ID: id },
						storedFromMetrics,
						() => dropSession(broker.url, id)
					)
				);
			},
			cpu: { app, broker: () => [broker.pid] },
			stop: broker.stop
		};
	}
	// inproc: the app's own aedes (what `npm start` runs without MQTT_URL); it exists only while
	// the app runs, so there is no null-subscriber baseline on this broker.
	const stack: Stack = {
		name,
		brokerUrl: null,
		startApp: async () => {
			const port = await freePort();
			const started = await tracked(
				launch(
					entry,
					{ PGLITE_DIR: dir, MQTT_PORT: String(port), MQTT_WS_PORT: String(await freePort()) },
					storedFromMetrics,
					async () => {
						stack.brokerUrl = null;
					}
				)
			);
			stack.brokerUrl = `mqtt://127.0.0.1:${port}`;
			return started;
		},
		cpu: { 'app+broker': app },
		stop: async () => {}
	};
	return stack;
}
