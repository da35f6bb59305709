import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { topics } from '$lib/contracts';
import { validPosition } from '$lib/contracts/testing';
import { startApp, type RunningApp } from './app';
import { displayState } from './principals';
import { freshDatabase, mqttEnv, type TestDatabase } from './backend';
import { launch } from './browser';
import { connect, end, publishAll } from './mqtt';

export interface WallApp {
	db: TestDatabase;
	/** Reassign after a restart (`startApp(w.env, { port })`); afterAll stops whichever runs. */
	app: RunningApp;
	env: Record<string, string>;
	mqttUrl: string;
	browser: Browser;
	/** A page in a context of its own that holds the wall kiosk's display token. */
	newPage(opts?: BrowserContextOptions): Promise<Page>;
	/** Publishes one position of a team, like a field device. */
	publish(teamId: string, payload?: Record<string, unknown>): Promise<void>;
}

/**
 * The built app on a fresh database and the backend's broker, and a Chromium, for one describe
 * block of browser tests: started in beforeAll, stopped in afterAll. `seed` writes rows into the
 * database before the app opens it (PGlite allows one process), e.g. helpers/resources.ts.
 */
export function useWallApp(
	env: Record<string, string>,
	opts: { seed?: (env: Record<string, string>) => Promise<void> } = {}
): WallApp {
	const w = {} as WallApp;
	beforeAll(async () => {
		w.db = await freshDatabase();
		const mqtt = await mqttEnv();
		w.mqttUrl = mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`;
		w.env = { ...w.db.env, ...mqtt, ...env };
		await opts.seed?.(w.env);
		w.app = await startApp(w.env);
		w.browser = await launch();
	});
	afterAll(async () => {
		await w.browser?.close();
		await w.app?.kill('SIGTERM');
		await w.db?.drop();
	});
	w.newPage = (opts = {}) => w.browser.newPage({ ...opts, storageState: displayState(w.app) });
	w.publish = async (teamId, payload = {}) => {
		const pub = await connect(w.mqttUrl);
		await publishAll(pub, [
			{ topic: topics.position(teamId), payload: JSON.stringify(validPosition(payload)) }
		]);
		await end(pub);
	};
	return w;
}
