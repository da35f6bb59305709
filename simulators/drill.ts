/**
 * `npm run drill -- <scenario> [--speed N] [--seed S] [--broker URL] [--exercise ID]
 *  [--username U --password P]`: runs a drill against an MQTT broker, printing the scenario clock
 * and each delivered inject. `--validate FILE` checks a scenario file and prints its errors.
 * `--reset` publishes the reset of `--exercise ID` (the EOC deletes that exercise's data).
 * Ctrl-C pauses; Ctrl-C again ends the drill cleanly.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ID_PATTERN, MAX_SPEED, MIN_SPEED } from '../src/lib/contracts';
// The CLI is a host like the app: it hands the engine the EOC's DEM loader (the package itself
// does not import the app; this file is the command line's composition root, not the package).
import { loadDem } from '../src/lib/server/terrain/load';
import { loadScenarioFile } from './scenario/validate';
import { defaultModel, terrainLoader } from './engine/defaults';
import { createDrill } from './engine/drill';
import { connectPublisher } from './engine/mqtt';
import { formatClock, progressBar, describeInject } from './engine/print';

const USAGE =
	'usage: npm run drill -- <scenario id or file> [--speed 1..60] [--seed S] [--broker URL] ' +
	'[--exercise ID] [--username U --password P] [--reset] | --validate FILE';

function fail(message: string): never {
	console.error(`drill: ${message}`);
	process.exit(2);
}

function scenarioPath(arg: string): string {
	if (arg.endsWith('.json') || arg.includes('/')) return resolve(arg);
	return resolve(import.meta.dirname, 'scenarios', arg, 'scenario.json');
}

async function main(): Promise<void> {
	let args;
	try {
		args = parseArgs({
			allowPositionals: true,
			options: {
				speed: { type: 'string', default: '1' },
				seed: { type: 'string', default: '1' },
				broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
				exercise: { type: 'string' },
				username: { type: 'string' },
				password: { type: 'string' },
				validate: { type: 'string' },
				reset: { type: 'boolean', default: false },
				help: { type: 'boolean', default: false }
			}
		});
	} catch (err) {
		fail(`${(err as Error).message} (${USAGE})`);
	}
	const { values, positionals } = args;
	if (values.help) return void console.log(USAGE);
	if (values.validate !== undefined) {
		const result = await loadScenarioFile(resolve(values.validate));
		if (result.ok)
			return void console.log(
				`${values.validate}: valid (${result.scenario.injects.length} injects)`
			);
		for (const e of result.errors) console.error(e);
		process.exit(1);
	}
	if (positionals.length !== 1) fail(`expected one scenario (${USAGE})`);
	const speed = Number(values.speed);
	if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
		fail(`--speed must be a number from ${MIN_SPEED} to ${MAX_SPEED}, got "${values.speed}"`);
	if (values.exercise !== undefined && !ID_PATTERN.test(values.exercise))
		fail(`--exercise must match ${ID_PATTERN.source}`);
	if (values.reset && values.exercise === undefined) fail('--reset needs --exercise ID');
	if ((values.username === undefined) !== (values.password === undefined))
		fail('--username and --password go together');
	if (!/^(mqtts?|wss?|tcp):\/\//.test(values.broker))
		fail(`--broker must be an mqtt://, mqtts://, ws:// or wss:// URL, got "${values.broker}"`);
	const file = scenarioPath(positionals[0]);
	if (!existsSync(file)) fail(`no scenario at ${file}`);
	const loaded = await loadScenarioFile(file);
	if (!loaded.ok) fail(`${file} is not a valid scenario:\n${loaded.errors.join('\n')}`);

	const mqtt = await connectPublisher(values.broker, values).catch((err: Error) =>
		fail(`cannot connect to ${values.broker}: ${err.message}`)
	);
	const drill = createDrill({
		scenario: loaded.scenario,
		exerciseId: values.exercise,
		seed: values.seed,
		speed,
		publish: mqtt.publish,
		publishText: mqtt.publishText,
		model: defaultModel,
		loadTerrain: terrainLoader(file, loadDem)
	});
	const scenario = loaded.scenario;
	const tty = process.stdout.isTTY;
	let lastClock = 0;
	drill.on((e) => {
		if (e.kind === 'error') console.error(`\nerror: ${e.message}`);
		else if (e.kind === 'delivered') {
			const inject = scenario.injects.find((i) => i.number === e.inject.number);
			if (inject) console.log(`${tty ? '\r\x1b[K' : ''}${describeInject(inject, scenario.start)}`);
		} else if (e.state.status === 'precomputing') {
			if (tty) process.stdout.write(`\r${progressBar(e.state.progress)} precomputing the mudflow`);
		} else if (Date.now() - lastClock >= (tty ? 1000 : 30_000)) {
			lastClock = Date.now();
			const line = formatClock(e.state, scenario);
			process.stdout.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
		}
	});
	if (values.reset) {
		await drill.reset();
		console.log(`exercise ${drill.state.exerciseId}: reset published`);
		return mqtt.end();
	}
	let interrupts = 0;
	process.on('SIGINT', () => {
		interrupts++;
		if (interrupts === 1) {
			drill.pause();
			console.log('\npaused. Ctrl-C again to end the drill, or wait 10 s to resume.');
			setTimeout(() => {
				if (interrupts === 1) {
					interrupts = 0;
					drill.resume();
				}
			}, 10_000);
		} else void drill.end();
	});
	console.log(
		`exercise ${drill.state.exerciseId}: ${scenario.name}, ×${speed}, seed ${values.seed}, broker ${values.broker}`
	);
	await drill.start();
	await drill.ended();
	console.log(`\n${formatClock(drill.state, scenario)}\nexercise ${drill.state.exerciseId} ended`);
	await mqtt.end();
}

await main();
