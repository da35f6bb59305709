import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INGEST_FILTERS } from '$lib/contracts';
import { startAdminSocket } from '../admin-socket/server';
import { deviceAuth } from '../broker/device-auth';
import { startEmbeddedBroker, type EmbeddedBroker } from '../broker/embedded';
import type { Config } from './config';
import { openDatabase, type Database } from '../db';
import { createBrokerSource } from '../ingest/broker-source';
import { createMqttSource, type Incoming, type Source } from '../ingest/source';
import { IngestWriter } from '../ingest/writer';
import type { DeadLetterNote } from '../ingest/batch';
import { refusalFeedback } from '../ingest/refusals';
import { LiveHub } from '../live/hub';
import type { Logger } from '../ops/log';
import { appBroker, embeddedUrl, splitCredentials, type AppBroker } from '../broker/client';
import { scheduleRetention } from '../ops/retention';
import { scheduleAuthPrune } from '../auth/prune';
import { seedDemo } from '../seed/demo';
import { seedDefaultRules } from '../alarms/rules';
import { seedDefaultKinds } from '../entities/resource/kinds';
import { AlarmEngine } from '../alarms/engine';
import { emergencySignals } from '../alarms/signals';
import { startTaskingPublisher, type TaskingPublisher } from '../tasking/publisher';
import { isDemoDatabase, startDemoFeed } from '../seed/demo-feed';
import { terrain } from '../terrain';
import type { Messaging } from '../messaging';
import { startMessaging } from '../messaging/start';
import { handleIncoming } from '../messaging/inbound/handle';
import { progressRecorder } from '../messaging/outbox/progress';

export interface Services {
	config: Config;
	db: Database;
	broker: EmbeddedBroker | null;
	/** The broker's URL, without credentials (safe to log and show). */
	mqttUrl: string;
	/** Connects the app's own MQTT clients, with the app's credentials. */
	mqtt: AppBroker;
	source: Source;
	writer: IngestWriter;
	hub: LiveHub;
	/** What the EOC publishes to teams (taskings). */
	tasking: TaskingPublisher;
	/** The alarm rules engine (evaluates after commits and on its timer). */
	alarms: AlarmEngine;
	/** Warnings out and reports in over SMS, Telegram and email (#17); null until started. */
	messaging: Messaging | null;
	stop(): Promise<void>;
}

/** What /api/health reports while services start, run and fail. */
export interface Readiness {
	phase: 'starting' | 'ready' | 'failed' | 'stopping';
	error: string | null;
	startedAt: Date;
	services: Services | null;
}

/**
 * The committed migrations, found by walking up from this module (src/ in dev, build/ when
 * built), so the app starts from any working directory.
 */
export function migrationsFolder(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = join(dir, 'drizzle');
		if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
		const up = dirname(dir);
		if (up === dir) return resolve('drizzle');
		dir = up;
	}
}

/**
 * Starts everything the app runs besides HTTP, in order: database (migrated), demo data, broker
 * (embedded unless MQTT_URL), live hub, then ingest. Stops in reverse, finishing the batch in
 * flight so its PUBACKs go out.
 */
export async function startServices(config: Config, log: Logger): Promise<Services> {
	const db = await openDatabase(config);
	const stops: (() => Promise<void> | void)[] = [() => db.close()];
	const stopAll = async () => {
		for (const stop of [...stops].reverse()) await Promise.resolve(stop()).catch(() => {});
	};
	try {
		await db.migrate(migrationsFolder());
		log.info({ backend: db.kind }, 'database ready and migrated');
		// The kinds first: the demo register names them.
		const kinds = await seedDefaultKinds(db);
		if (kinds > 0) log.info({ kinds }, 'default resource kinds written');
		if (config.EOC_SEED === 'demo' && (await seedDemo(db))) log.info('demo data loaded (Kulob)');
		const rules = await seedDefaultRules(db);
		if (rules > 0) log.info({ rules }, 'default alarm rules written');
		if (config.TERRAIN_PATH) {
			// An EOC's own DEM is read now, so a file that is not one stops the start with its reason.
			const { dem } = await terrain(config.TERRAIN_PATH);
			log.info({ source: dem.source, width: dem.width, height: dem.height }, 'terrain loaded');
		}

		// PGlite allows one process: `npm run user:add` reaches it through this server instead.
		if (db.kind === 'pglite')
			stops.push(
				await startAdminSocket(db, config.PGLITE_DIR, log, config.ONE_TIME_PASSWORD_HOURS)
			);

		const hub = new LiveHub(db, log);
		await hub.start();
		stops.push(() => hub.stop());

		// Alarms are evaluated after commits (the hub's observer, the writer's emergency flags),
		// never inside the ingest's transaction.
		const alarms = new AlarmEngine({
			db,
			log,
			onChanges: () => hub.poke()
		});
		const unobserve = hub.observe((msgs) => alarms.changed(msgs));
		await alarms.start();
		stops.push(async () => {
			unobserve();
			await alarms.stop();
		});

		let source: Source | null = null;
		// Set once the app's publisher is up: a commit before that tells no team (logged).
		let tellRefused: ((notes: readonly DeadLetterNote[]) => void) | null = null;
		const writer = new IngestWriter({
			db,
			log,
			maxBatch: config.INGEST_MAX_BATCH,
			maxPending: config.INGEST_MAX_PENDING,
			maxPendingBytes: config.INGEST_MAX_PENDING_BYTES,
			// A server overlaps building one batch with committing another; PGlite runs in this
			// thread, so a second transaction would only wait for the first.
			concurrency: db.kind === 'postgres' ? 2 : 1,
			onCommit: (r, items) => {
				if (r.changes > 0) hub.poke();
				alarms.emergencies(emergencySignals(r, items));
				if (r.deadLetters.length > 0) tellRefused?.(r.deadLetters);
			},
			onDrain: () => source?.drained()
		});
		const enqueue = (m: Incoming) => writer.enqueue(m);
		const isFull = () => writer.isFull();

		let broker: EmbeddedBroker | null = null;
		let mqtt: AppBroker;
		if (!config.MQTT_URL) {
			const auth = config.MQTT_DEVICE_AUTH === 'on' ? deviceAuth(db, log) : undefined;
			if (auth) {
				// The device ACL's map of resources to teams, kept current from the change log.
				await auth.resources.start();
				const unobserveResources = hub.observe((msgs) => auth.resources.apply(msgs));
				stops.push(() => {
					unobserveResources();
					auth.resources.stop();
				});
			}
			// The ingest sits at the embedded broker's door: a device's PUBACK follows the commit.
			const door = createBrokerSource(enqueue, isFull, auth?.teamOfResource);
			source = door.source;
			broker = await startEmbeddedBroker({
				host: config.MQTT_HOST,
				port: config.MQTT_PORT,
				wsPort: config.MQTT_WS_PORT ?? null,
				wsOrigins: config.MQTT_WS_ORIGINS,
				maxPacketBytes: config.MQTT_MAX_PACKET_BYTES,
				log,
				auth,
				// The app's own clients: `${MQTT_CLIENT_ID}-tasking`, `-drills`, the demo feed's.
				internalClientIds: [config.MQTT_CLIENT_ID, 'eocwall-demo'],
				onPublish: door.onPublish
			});
			log.info({ deviceAuth: config.MQTT_DEVICE_AUTH }, 'embedded broker device credentials');
			stops.push(() => broker?.close());
			// Every client of the app connects as the app (device auth on: refused otherwise).
			mqtt = appBroker(embeddedUrl(config.MQTT_HOST, broker.port), auth?.internal);
		} else {
			const { url, credentials } = splitCredentials(config.MQTT_URL);
			mqtt = appBroker(url, credentials);
			source = createMqttSource({
				broker: mqtt,
				clientId: config.MQTT_CLIENT_ID,
				filters: INGEST_FILTERS.map((f) =>
					config.MQTT_SHARE_GROUP ? `$share/${config.MQTT_SHARE_GROUP}/${f}` : f
				),
				log,
				onMessage: enqueue,
				isFull
			});
		}
		const src = source;
		// Stop order: stop taking messages, finish and ack the batches in flight, then disconnect
		// (before the embedded broker closes: stops run in reverse).
		stops.push(async () => {
			src.stopTaking();
			await writer.stop();
			await src.close();
		});
		stops.push(scheduleRetention(db, config.RETENTION_DAYS, log));
		stops.push(scheduleAuthPrune(db, config.SESSION_MAX_AGE_DAYS, log));
		const tasking = startTaskingPublisher(mqtt, config.MQTT_CLIENT_ID, log);
		stops.push(() => tasking.stop());
		tellRefused = (notes) => {
			for (const note of notes) {
				const feedback = refusalFeedback(note);
				if (feedback) void tasking.publishRefused(feedback.teamId, feedback.payload);
			}
		};
		if (config.EOC_DEMO_FEED === 'on' && (await isDemoDatabase(db))) {
			stops.push(await startDemoFeed(db, mqtt, log));
		}
		// Last to start, so first to stop: its senders finish their sends in flight and write them
		// while the database is still open.
		const progress = progressRecorder(db, log, () => hub.poke());
		// A report that came in wakes the hub, and once messaging runs, its sender (the acknowledgement).
		let poke = () => hub.poke();
		const messaging = await startMessaging({
			config,
			db,
			log,
			// Stored once and turned into a report in one transaction; a database failure throws,
			// so the channel answers with a temporary error and delivers it again.
			onIncoming: async (m) => {
				await handleIncoming({ db, log, poke: () => poke() }, m);
			},
			onChange: (sources) => progress.changed(sources)
		});
		poke = () => {
			hub.poke();
			messaging.poke();
		};
		stops.push(async () => {
			await messaging.stop();
			await progress.flush();
		});
		return {
			config,
			db,
			broker,
			mqttUrl: mqtt.url,
			mqtt,
			source,
			writer,
			hub,
			tasking,
			alarms,
			messaging,
			stop: stopAll
		};
	} catch (err) {
		await stopAll();
		throw err;
	}
}
