// `npm run bench`: ingest throughput against a subscriber that does nothing, on the same broker,
// and publish-to-stream latency, on the embedded backend and (with DATABASE_URL) on PostgreSQL +
// Mosquitto. Method and figures: docs/benchmarks.md. Options: npm run bench -- --help
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { snapshotBuild } from './build';
import { waitQuiet } from './cpu';
import { latencyRun } from './latency';
import { modelReport, modelRun } from './model';
import { Publishers, sensorReadings } from './mqtt';
import { header, report, type BackendResult, type Options } from './report';
import { DESCRIPTIONS, startStack, type BackendName } from './stack';
import { appRun, nullRun } from './throughput';
import { wallReport, wallRun } from './wall';
import { fieldWireReport, fieldWireRun } from './field-wire';
import { wireReport, wireRun } from './wire';
import { cleanupAll, note } from './util';
import { alarmsReport, alarmsRun } from './alarms';
import { outboxReport, outboxRun } from './outbox';

const HELP = `Usage: npm run bench -- [options]
  --backend B     embedded | real | inproc | both | all, or a comma list
                  (default: embedded, plus real when DATABASE_URL is set)
                  embedded = PGlite + aedes in its own process; real = PostgreSQL (DATABASE_URL)
                  + a throw-away Mosquitto with docs/mosquitto/eocwall.conf; inproc = PGlite +
                  the app's own aedes (no null-subscriber baseline)
  --messages N    messages per throughput run (200000)
  --sensors N     sensor ids they are spread over (50)
  --publishers N  publisher connections (4)
  --window N      unacknowledged publishes per connection (250)
  --rounds N      null/app rounds per backend, interleaved (2)
  --warmup N      unmeasured messages sent first in every run, to warm up the JIT (5000)
  --rate R        positions per second in the latency run (1000)
  --seconds S     length of the latency run; 0 skips it (10)
  --teams N       teams the positions are spread over (20)
  --mosquitto-conf FILE  run the real backend's Mosquitto with FILE instead of
                  docs/mosquitto/eocwall.conf (to compare a candidate setting)
  --app-env K=V   extra environment for the app, repeatable (e.g. INGEST_MAX_BATCH=5000)
  --quiet-wait S  before each measured run, wait up to S s for the machine to be idle (0)
  --profile DIR   write a V8 CPU profile of every app process into DIR
                  (summarise: npx tsx bench/profile.ts DIR/*.cpuprofile)
  --wall W        on | off | only: the wall under load in headless Chromium (on)
  --wall-teams N, --wall-incidents N, --wall-updates N   its size (10000, 5000, 10000)
  --wall-resources N  resources beside the teams (2000; one update in six is a resource's;
                  0: teams only, as before #15)
  --model M       on | off | only: the mudflow model's speed on a 1000 × 1000 grid (on)
  --wire W        on | off | only: /wall's bytes over the wire in Chromium, compressed and
                  decoded, and /field's on a new phone, before and after pairing (on)
  --alarms A      on | off | only: ingest throughput with 100 alarm rules vs none, side by side,
                  and publish → alarm event latency, in-process on PGlite (on)
  --alarm-messages N  readings per alarms throughput run (50000)
  --outbox O      on | off | only: outbox throughput per channel through the real adapters to
                  local protocol servers, at the configured rate limits and with them lifted (on)
  --outbox-messages N  messages per channel (10000)
  --outbox-seconds S   the rate-limited run stops after S s if not done (20)
  --timeout S     the whole run is abandoned (and cleaned up) after this (1200)`;

function options(): Options {
	const { values } = parseArgs({
		options: {
			backend: { type: 'string' },
			messages: { type: 'string', default: '200000' },
			sensors: { type: 'string', default: '50' },
			publishers: { type: 'string', default: '4' },
			window: { type: 'string', default: '250' },
			rounds: { type: 'string', default: '2' },
			warmup: { type: 'string', default: '5000' },
			rate: { type: 'string', default: '1000' },
			seconds: { type: 'string', default: '10' },
			teams: { type: 'string', default: '20' },
			timeout: { type: 'string', default: '1200' },
			profile: { type: 'string' },
			'quiet-wait': { type: 'string', default: '0' },
			'mosquitto-conf': { type: 'string' },
			'app-env': { type: 'string', multiple: true },
			wall: { type: 'string', default: 'on' },
			model: { type: 'string', default: 'on' },
			wire: { type: 'string', default: 'on' },
			alarms: { type: 'string', default: 'on' },
			'alarm-messages': { type: 'string', default: '50000' },
			outbox: { type: 'string', default: 'on' },
			'outbox-messages': { type: 'string', default: '10000' },
			'outbox-seconds': { type: 'string', default: '20' },
			'wall-teams': { type: 'string', default: '10000' },
			'wall-incidents': { type: 'string', default: '5000' },
			'wall-updates': { type: 'string', default: '10000' },
			'wall-resources': { type: 'string', default: '2000' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help) {
		console.log(HELP);
		process.exit(0);
	}
	const num = (name: keyof typeof values, min: number) => {
		const v = Number(values[name]);
		if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number ≥ ${min}`);
		return v;
	};
	const spec = values.backend ?? (process.env.DATABASE_URL ? 'both' : 'embedded');
	const expanded = spec
		.split(',')
		.flatMap((b) =>
			b === 'both' ? ['embedded', 'real'] : b === 'all' ? Object.keys(DESCRIPTIONS) : [b]
		);
	for (const b of expanded) {
		if (!(b in DESCRIPTIONS)) throw new Error(`unknown backend "${b}"\n${HELP}`);
	}
	const wall = values.wall as Options['wall'];
	if (!['on', 'off', 'only'].includes(wall))
		throw new Error(`--wall must be on, off or only\n${HELP}`);
	const model = values.model as Options['model'];
	if (!['on', 'off', 'only'].includes(model))
		throw new Error(`--model must be on, off or only\n${HELP}`);
	const wire = values.wire as Options['wire'];
	if (!['on', 'off', 'only'].includes(wire))
		throw new Error(`--wire must be on, off or only\n${HELP}`);
	const alarms = values.alarms as Options['alarms'];
	if (!['on', 'off', 'only'].includes(alarms))
		throw new Error(`--alarms must be on, off or only\n${HELP}`);
	const outbox = values.outbox as Options['outbox'];
	if (!['on', 'off', 'only'].includes(outbox))
		throw new Error(`--outbox must be on, off or only\n${HELP}`);
	const only = [wall, model, wire, alarms, outbox].includes('only');
	const off = (v: 'on' | 'off' | 'only') => (alarms === 'only' || outbox === 'only' ? 'off' : v);
	const backends = only ? [] : ([...new Set(expanded)] as BackendName[]);
	if (values.profile) {
		// The profiled app writes its file there on exit, and silently fails without the folder.
		process.env.BENCH_PROFILE_DIR = resolve(values.profile);
		mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
	}
	const conf = values['mosquitto-conf'];
	if (conf) process.env.BENCH_MOSQUITTO_CONF = resolve(conf);
	const appEnv = Object.fromEntries(
		(values['app-env'] ?? []).map((kv) => {
			const i = kv.indexOf('=');
			if (i < 1) throw new Error(`--app-env wants KEY=VALUE, got "${kv}"`);
			return [kv.slice(0, i), kv.slice(i + 1)];
		})
	);
	if (Object.keys(appEnv).length) process.env.BENCH_APP_ENV = JSON.stringify(appEnv);
	if (backends.includes('real') && !process.env.DATABASE_URL) {
		throw new Error(
			'--backend real needs DATABASE_URL (a PostgreSQL server to create databases on)'
		);
	}
	return {
		backends,
		messages: num('messages', 1),
		sensors: num('sensors', 1),
		publishers: num('publishers', 1),
		window: num('window', 1),
		rounds: num('rounds', 1),
		warmup: num('warmup', 0),
		rate: num('rate', 1),
		seconds: num('seconds', 0),
		teams: num('teams', 1),
		timeout: num('timeout', 10),
		quietWait: num('quiet-wait', 0),
		wall: off(model === 'only' || wire === 'only' ? 'off' : wall),
		model: off(wire === 'only' || wall === 'only' ? 'off' : model),
		wire: off(wall === 'only' || model === 'only' ? 'off' : wire),
		alarms: [wall, model, wire, outbox].includes('only') ? 'off' : alarms,
		alarmMessages: num('alarm-messages', 100),
		outbox: [wall, model, wire, alarms].includes('only') ? 'off' : outbox,
		outboxMessages: num('outbox-messages', 1),
		outboxSeconds: num('outbox-seconds', 1),
		wallTeams: num('wall-teams', 1),
		wallIncidents: num('wall-incidents', 1),
		wallUpdates: num('wall-updates', 1),
		wallResources: num('wall-resources', 0)
	};
}

async function runBackend(name: BackendName, o: Options, runId: string): Promise<BackendResult> {
	const result: BackendResult = { backend: name, rounds: [], latency: null, error: null };
	try {
		note(`${name}: starting ${DESCRIPTIONS[name]}`);
		const entry = await snapshotBuild(`${runId}-${name}`);
		const stack = await startStack(name, entry, process.env.DATABASE_URL);
		// The same publisher connections for the null subscriber and the app.
		let pubs = stack.brokerUrl ? await Publishers.connect(stack.brokerUrl, o.publishers) : null;
		for (let round = 1; round <= o.rounds; round++) {
			note(`${name}: round ${round} of ${o.rounds}`);
			const batch = (what: string, n = o.messages) =>
				sensorReadings(n, o.sensors, runId, `${runId}${name}${what}${round}`);
			const warm = Math.min(o.warmup, o.messages);
			const quiet = () => waitQuiet(o.quietWait);
			let nul = null;
			if (stack.brokerUrl && pubs) {
				await quiet();
				nul = await nullRun(
					stack.brokerUrl,
					pubs,
					batch('n'),
					batch('nw', warm),
					o.window,
					stack.cpu
				);
			}
			const app = await stack.startApp();
			pubs ??= await Publishers.connect(stack.brokerUrl as string, o.publishers);
			await quiet();
			const appResult = await appRun(app, pubs, batch('a'), batch('aw', warm), o.window, stack.cpu);
			result.rounds.push({ null: nul, app: appResult });
			if (round === o.rounds && o.seconds > 0) {
				await quiet();
				result.latency = await latencyRun(app, pubs, o.rate, o.seconds, o.teams, runId, stack.cpu);
			}
			if (name === 'inproc') {
				await pubs.close(); // the broker goes with the app
				pubs = null;
			}
			await app.stop();
		}
	} catch (e) {
		result.error = e instanceof Error ? e.message : String(e);
		note(`${name}: FAILED: ${result.error}`);
	} finally {
		await cleanupAll();
	}
	return result;
}

async function main() {
	let o: Options;
	try {
		o = options();
	} catch (e) {
		console.error(`bench: ${e instanceof Error ? e.message : e}`);
		return 2;
	}
	const overall = setTimeout(() => void bail('overall timeout reached', 2), o.timeout * 1000);
	overall.unref();
	const runId = randomBytes(3).toString('hex');
	const load = loadavg();
	if (load[0] > 0.5) note(`bench: load average ${load[0].toFixed(2)}: the machine is not idle`);
	const sample = sensorReadings(1, o.sensors, runId, `${runId}embeddedn1`)[0].payload.length;
	const results: BackendResult[] = [];
	for (const backend of o.backends) results.push(await runBackend(backend, o, runId));
	let wallText = '';
	let partFailed = false;
	if (o.wall !== 'off') {
		try {
			const entry = await snapshotBuild(`${runId}-wall`);
			wallText = wallReport(
				await wallRun(entry, {
					teams: o.wallTeams,
					incidents: o.wallIncidents,
					updates: o.wallUpdates,
					resources: o.wallResources
				})
			);
		} catch (e) {
			partFailed = true;
			wallText = `Wall under load: FAILED: ${e instanceof Error ? e.message : e}`;
		} finally {
			await cleanupAll();
		}
	}
	let wireText = '';
	if (o.wire !== 'off') {
		try {
			const build = await snapshotBuild(`${runId}-wire`);
			wireText = wireReport(await wireRun(build));
			wireText += `\n\n${fieldWireReport(await fieldWireRun(build))}`;
		} catch (e) {
			partFailed = true;
			wireText += `\n/wall or /field over the wire: FAILED: ${e instanceof Error ? e.message : e}`;
		} finally {
			await cleanupAll();
		}
	}
	let modelText = '';
	if (o.model !== 'off') {
		try {
			note('model: 1000 × 1000 cells, three cases');
			modelText = modelReport(await modelRun());
		} catch (e) {
			partFailed = true;
			modelText = `Mudflow model: FAILED: ${e instanceof Error ? e.message : e}`;
		}
	}
	let alarmsText = '';
	if (o.alarms !== 'off') {
		try {
			alarmsText = alarmsReport(await alarmsRun({ messages: o.alarmMessages, samples: 100 }));
		} catch (e) {
			partFailed = true;
			alarmsText = `Alarm rules: FAILED: ${e instanceof Error ? e.message : e}`;
		}
	}
	let outboxText = '';
	if (o.outbox !== 'off') {
		try {
			outboxText = outboxReport(
				await outboxRun({ messages: o.outboxMessages, seconds: o.outboxSeconds })
			);
		} catch (e) {
			partFailed = true;
			outboxText = `Outbox: FAILED: ${e instanceof Error ? e.message : e}`;
		} finally {
			await cleanupAll();
		}
	}
	if (results.length) process.stdout.write(`\n${header(o, sample, load)}\n${report(results)}`);
	if (wallText) process.stdout.write(`\n${wallText}\n`);
	if (wireText) process.stdout.write(`\n${wireText}\n`);
	if (modelText) process.stdout.write(`\n${modelText}\n`);
	if (alarmsText) process.stdout.write(`\n${alarmsText}\n`);
	if (outboxText) process.stdout.write(`\n${outboxText}\n`);
	return results.some((r) => r.error) || partFailed ? 1 : 0;
}

let exiting = false;
async function bail(why: string, code: number) {
	if (exiting) return;
	exiting = true;
	note(`bench: ${why}; cleaning up`);
	await cleanupAll();
	process.exit(code);
}
process.on('SIGINT', () => void bail('interrupted', 130));
process.on('SIGTERM', () => void bail('terminated', 143));

main()
	.then(async (code) => {
		await cleanupAll();
		process.exit(code);
	})
	.catch((e) => void bail(e instanceof Error ? (e.stack ?? e.message) : String(e), 1));
