import { error } from '@sveltejs/kit';
import { ConfigError, loadConfig } from './config';
import { PortInUseError } from '../broker/embedded';
import { hasActiveAdmin, issueSetupToken } from '../auth/setup';
import { hidePassword, log } from '../ops/log';
import { startServices, type Readiness, type Services } from './services';

// Kept on globalThis so that a module reload under `vite dev` does not start a second broker.
const KEY = Symbol.for('eocwall.runtime');
type Holder = { [KEY]?: Readiness };
const holder = globalThis as Holder;

export function readiness(): Readiness {
	return (holder[KEY] ??= {
		phase: 'starting',
		error: null,
		startedAt: new Date(),
		services: null
	});
}

/**
 * Validates the configuration (a bad one stops the process with a message per variable) and
 * starts the services in the background: HTTP answers at once, /api/health says 503 until ready.
 */
export function startRuntime(): void {
	const state = readiness();
	if (state.services || holder[KEY]?.phase === 'ready') return;
	let config;
	try {
		config = loadConfig();
	} catch (e) {
		if (e instanceof ConfigError) {
			log.fatal({ problems: e.problems }, e.message);
			console.error(`\neocwall cannot start.\n${e.message}\nSee .env.example for every setting.\n`);
			process.exit(1);
		}
		throw e;
	}
	startServices(config, log).then(
		(services) => {
			state.services = services;
			state.phase = 'ready';
			const mqtt = hidePassword(services.mqttUrl);
			log.info({ port: config.PORT, mqtt }, 'eocwall ready');
			const base = config.ORIGIN ?? `http://localhost:${config.PORT}`;
			console.log(`\neocwall is ready: ${base}/wall  (MQTT: ${mqtt})\n`);
			void announceFirstAdmin(services);
		},
		(err: unknown) => {
			state.phase = 'failed';
			state.error = describe(err);
			log.fatal({ err: state.error }, 'eocwall failed to start');
			console.error(`\neocwall cannot start: ${state.error}\n`);
			if (err instanceof PortInUseError || !import.meta.env?.DEV) process.exit(1);
		}
	);
	const shutdown = async () => {
		if (state.phase === 'stopping') return;
		state.phase = 'stopping';
		await state.services?.stop().catch(() => {});
	};
	process.once('sveltekit:shutdown', shutdown);
}

/**
 * With no active administrator, prints a one-time setup link on the console (stdout, a plain
 * line among the JSON logs). The token goes to the console only: the JSON log, which is shipped
 * and kept, says that a link was printed, never the link itself.
 */
async function announceFirstAdmin(services: Services): Promise<void> {
	if (await hasActiveAdmin(services.db).catch(() => true)) return;
	const token = issueSetupToken();
	if (!token) return;
	const base = services.config.ORIGIN ?? `http://localhost:${services.config.PORT}`;
	log.warn('no administrator yet: the setup link to create the first one is on the console');
	console.log(`\neocwall: create the first admin at ${base}/setup?token=${token}\n`);
}

/** For routes that need the data: a 503 a person can act on while starting or after a failure. */
export function services(): Services {
	const state = readiness();
	if (state.services && state.phase === 'ready') return state.services;
	// Why it failed is in the server's log, not for every caller to read.
	if (state.phase === 'failed') error(503, 'The server failed to start; its log says why.');
	error(503, 'The server is starting; try again in a few seconds.');
}

/** An error's message with its causes (drizzle wraps the database's own message in `cause`). */
function describe(err: unknown): string {
	const parts: string[] = [];
	for (let e: unknown = err; e && parts.length < 4; e = (e as { cause?: unknown }).cause) {
		const msg = e instanceof Error ? e.message : String(e);
		parts.push(msg.split('\nparams:')[0].slice(0, 300));
	}
	return parts.join(' — caused by: ');
}
