import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { migratedPgliteDir } from './pglite-template';
import { freePort } from './ports';

/**
 * Which servers the integration suite runs on: the embedded defaults (PGlite + aedes, always), or
 * the real PostgreSQL and MQTT broker named by DATABASE_URL and MQTT_URL.
 */
export const REAL = Boolean(process.env.DATABASE_URL && process.env.MQTT_URL);
export const BACKEND = REAL ? 'postgres+mqtt' : 'pglite+aedes';

export interface TestDatabase {
	/** Environment for the app: DATABASE_URL, or PGLITE_DIR. */
	env: Record<string, string>;
	url: string | null;
	drop(): Promise<void>;
}

/**
 * A fresh database per test: a new PostgreSQL database, or a new PGlite directory, migrated
 * already (a copy of a template, tests/helpers/pglite-template.ts) unless `empty` asks for a
 * directory the app has never opened, as on a first start.
 */
export async function freshDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
	if (REAL) {
		const { url, drop } = await newPostgresDatabase(process.env.DATABASE_URL as string);
		return { env: { DATABASE_URL: url }, url, drop };
	}
	const dir = opts.empty
		? mkdtempSync(join(tmpdir(), 'eocwall-pglite-'))
		: await migratedPgliteDir();
	return {
		env: { PGLITE_DIR: dir },
		url: null,
		drop: async () => rmSync(dir, { recursive: true, force: true })
	};
}

/** A new, empty database on the PostgreSQL server of `base` (a URL), and how to drop it. */
export async function newPostgresDatabase(
	base: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `eocwall_t_${randomBytes(5).toString('hex')}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const u = new URL(base);
	u.pathname = `/${name}`;
	return {
		url: u.toString(),
		drop: async () => {
			const a = postgres(base, { max: 1, onnotice: () => {} });
			await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
			await a.end();
		}
	};
}

/** MQTT for one app: the given broker with a unique client id, or an embedded one on free ports. */
export async function mqttEnv(): Promise<Record<string, string>> {
	const clientId = `eocwall-t-${randomBytes(4).toString('hex')}`;
	if (REAL) return { MQTT_URL: process.env.MQTT_URL as string, MQTT_CLIENT_ID: clientId };
	return {
		MQTT_PORT: String(await freePort()),
		MQTT_CLIENT_ID: clientId
	};
}
