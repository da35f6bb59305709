// `npm run bench -- --alarms only`: what the alarm rules engine costs the ingest, and how soon an
// alarm follows the reading that raised it. The app's services run in this process (PGlite + its
// embedded aedes), twice on fresh databases: without rules, and with 100 enabled gauge rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import pino from 'pino';
import { topics } from '../src/lib/contracts';
import { loadConfig } from '../src/lib/server/app/config';
import { startServices, type Services } from '../src/lib/server/app/services';
import { deleteRule, listRules, saveRule } from '../src/lib/server/alarms/rules';
import type { LiveMessage } from '../src/lib/server/live/hub';
import { freePort } from '../tests/helpers/ports';
import { fmtInt, fmtMs, note, percentile, sleep } from './util';

export interface AlarmsResult {
	messages: number;
	withoutRules: number;
	withRules: number;
	/** Each run's rate, in the order run: without, with, with, without. */
	runs: { without: number[]; with: number[] };
	latency: { samples: number; p50: number; p99: number };
	/** The same, while a throughput run keeps the engine's gap in force. */
	underLoad: { samples: number; p50: number; p99: number; max: number };
}

async function start(): Promise<{ s: Services; url: string; stop(): Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), 'eocwall-bench-alarms-'));
	const port = await freePort();
	const config = loadConfig({
		PGLITE_DIR: dir,
		EOC_SEED: 'none',
		MQTT_PORT: String(port),
		MQTT_CLIENT_ID: `bench-alarms-${port}`
	});
	const s = await startServices(config, pino({ level: 'silent' }));
	return {
		s,
		url: `mqtt://127.0.0.1:${port}`,
		stop: async () => {
			await s.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Leaves exactly `n` enabled gauge rules (0: none), through the store so the engine reloads. */
async function setRules(s: Services, n: number): Promise<void> {
	if ((await listRules(s.db)).length === n) return;
	for (const r of await listRules(s.db)) await deleteRule(s.db, r.id, 'bench');
	for (let i = 0; i < n; i++)
		await saveRule(
			s.db,
			null,
			{
				name: `Bench gauge ${i}`,
				kind: 'gauge_level',
				level: i % 2 ? 'warning' : 'danger',
				params: { sensor: null, threshold: 1000 + i, hysteresis: 5 }
			},
			'bench'
		);
	await s.alarms.tick();
}

/** Readings spread over 50 gauges, below every rule's threshold (evaluated, nothing raised). */
async function throughput(s: Services, url: string, n: number, tag: string): Promise<number> {
	const client = await mqtt.connectAsync(url, { clientId: `bench-pub-${tag}` });
	const base = Date.now() - n;
	const started = performance.now();
	const window = 500;
	for (let i = 0; i < n; i += window) {
		const sends: Promise<unknown>[] = [];
		for (let j = i; j < Math.min(n, i + window); j++) {
			const body = {
				msgId: `${tag}-${j}`,
				ts: new Date(base + j).toISOString(),
				kind: 'water_level_cm',
				value: 100 + (j % 300)
			};
			sends.push(
				client.publishAsync(topics.sensorReading(`g-${j % 50}`), JSON.stringify(body), { qos: 1 })
			);
		}
		await Promise.all(sends); // PUBACK follows the commit (embedded broker)
	}
	const seconds = (performance.now() - started) / 1000;
	await client.endAsync();
	await s.alarms.idle();
	return n / seconds;
}

/** Publish → the alarm event from the hub (what /api/v1/stream sends), one reading at a time. */
async function latency(s: Services, url: string, samples: number, tag = 'lat'): Promise<number[]> {
	const client = await mqtt.connectAsync(url, { clientId: `bench-${tag}` });
	const waiting = new Map<string, (t: number) => void>();
	const unsubscribe = await s.hub.subscribe(
		{
			send: (m: LiveMessage) => {
				if (m.event !== 'alarm') return;
				const id = (m.data as { subjectId: string }).subjectId;
				waiting.get(id)?.(performance.now());
				waiting.delete(id);
			}
		},
		null
	);
	const out: number[] = [];
	await sleep(250); // the passes of the rules' edits behind
	for (let i = 0; i < samples; i++) {
		const sensor = `${tag}-${i}`;
		const seen = new Promise<number>((r) => waiting.set(sensor, r));
		const t0 = performance.now();
		const body = {
			msgId: `${tag}-${i}`,
			ts: new Date().toISOString(),
			kind: 'water_level_cm',
			value: 1000.5 // over the first rule's threshold only: one alarm per reading
		};
		await client.publishAsync(topics.sensorReading(sensor), JSON.stringify(body), { qos: 1 });
		out.push((await Promise.race([seen, sleep(10_000).then(() => NaN)])) - t0);
		await sleep(250); // past the engine's gap: each alarm as it comes on a quiet ingest
	}
	unsubscribe();
	await client.endAsync();
	return out;
}

export async function alarmsRun(o: { messages: number; samples: number }): Promise<AlarmsResult> {
	const app = await start();
	try {
		await setRules(app.s, 0);
		await throughput(app.s, app.url, Math.min(2000, o.messages), 'warm'); // JIT and caches
		// Interleaved A B B A, so that warming up and the machine's drift do not favour one side.
		const none: number[] = [];
		const rules: number[] = [];
		for (const [i, n] of [0, 100, 100, 0].entries()) {
			note(`alarms: ${o.messages} readings with ${n} rules`);
			await setRules(app.s, n);
			(n ? rules : none).push(await throughput(app.s, app.url, o.messages, `r${i}`));
		}
		const withoutRules = (none[0] + none[1]) / 2;
		const withRules = (rules[0] + rules[1]) / 2;
		// The rules on again (the interleaved runs end without them): each reading below raises one.
		await setRules(app.s, 100);
		note(`alarms: latency, ${o.samples} alarms`);
		const lat = sorted(await latency(app.s, app.url, o.samples));
		note(`alarms: latency during an ingest of ${o.messages} readings`);
		const [busy] = await Promise.all([
			latency(app.s, app.url, 20, 'busy').then(sorted),
			throughput(app.s, app.url, o.messages, 'load')
		]);
		return {
			messages: o.messages,
			withoutRules,
			withRules,
			runs: { without: none, with: rules },
			latency: { samples: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99) },
			underLoad: {
				samples: busy.length,
				p50: percentile(busy, 50),
				p99: percentile(busy, 99),
				max: busy[busy.length - 1] ?? NaN
			}
		};
	} finally {
		await app.stop();
	}
}

const sorted = (xs: number[]) => xs.filter(Number.isFinite).sort((a, b) => a - b);

/** How far apart two runs of the same side are (%): the run's own noise. */
const spread = ([a, b]: number[]) => (100 * Math.abs(a - b)) / Math.max(a, b);

export function alarmsReport(r: AlarmsResult): string {
	const noise = Math.max(spread(r.runs.without), spread(r.runs.with));
	return [
		`Alarm rules (in-process PGlite + aedes, ${fmtInt(r.messages)} gauge readings per run)`,
		`  ingest without rules   ${fmtInt(r.withoutRules)} msg/s   (mean of 2 runs, A B B A)`,
		`  ingest with 100 rules  ${fmtInt(r.withRules)} msg/s   ratio ${(r.withRules / r.withoutRules).toFixed(2)}`,
		`  noise: two runs of the same side differ by up to ${noise.toFixed(0)} %`,
		`  publish → alarm event  p50 ${fmtMs(r.latency.p50)}   p99 ${fmtMs(r.latency.p99)}   (${r.latency.samples} alarms, one every 250 ms)`,
		`  … during the ingest    p50 ${fmtMs(r.underLoad.p50)}   max ${fmtMs(r.underLoad.max)}   (${r.underLoad.samples} alarms; the engine's passes are 200 ms apart under load)`
	].join('\n');
}
