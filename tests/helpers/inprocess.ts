import pino from 'pino';
import { loadConfig } from '$lib/server/app/config';
import { startServices, type Services } from '$lib/server/app/services';
import { freshDatabase, mqttEnv } from './backend';

export interface InProcess {
	services: Services;
	mqttUrl: string;
	stop(): Promise<void>;
}

/** The app's services (database, broker, ingest, hub) in the test process, on a fresh database. */
export async function startInProcess(extra: Record<string, string> = {}): Promise<InProcess> {
	const db = await freshDatabase();
	const env = { EOC_SEED: 'none', ...db.env, ...(await mqttEnv()), ...extra };
	const config = loadConfig(env);
	const services = await startServices(config, pino({ level: process.env.TEST_LOG ?? 'silent' }));
	return {
		services,
		mqttUrl: services.mqttUrl,
		stop: async () => {
			await services.stop();
			await db.drop();
		}
	};
}

export async function count(s: Services, table: string, where = 'true'): Promise<number> {
	const [r] = await s.db.query<{ n: number }>(
		`select count(*)::int as n from ${table} where ${where}`
	);
	return r.n;
}
