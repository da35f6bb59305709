/**
 * The trainer console lists every exercise the EOC knows to be running from the exercise state
 * topic, not only the drills this app runs: a drill of the command line (`npm run drill`) shows
 * with its scenario clock and delivered injects, without controls, and leaves the list when its
 * state says it ended. One app, state messages published as the engine publishes them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { topics } from '$lib/contracts';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

const RUN = randomBytes(3).toString('hex');
const EX = `cli-${RUN}`;
const INJECT = `Mudflow reported above Tebalay ${RUN}`;

describe(`the trainer console shows a command-line drill, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let mqtt: MqttClient;
	let trainer: FormClient;
	let mqttUrl: string;
	let cli: ChildProcess | undefined;
	let n = 0;

	/** A state message of the drill, as the engine's publishState sends it (contracts valid). */
	const state = (status: string, scenarioSec: number, ts: Date) => ({
		topic: topics.exerciseState(EX),
		payload: JSON.stringify({
			msgId: `${EX}-s${++n}`,
			ts: ts.toISOString(),
			exercise: EX,
			name: `Kulob drill ${RUN}`,
			scenario: 'kulob-mudflow',
			status,
			speed: 30,
			scenarioSec,
			scenarioStart: '2026-05-07T03:00:00Z'
		})
	});
	/** The section of the exercise on /drills ('' when it is not listed). */
	const section = async (id = EX) => {
		const r = await trainer.get('/drills');
		expect(r.status).toBe(200);
		const html = await r.text();
		const at = html.indexOf(`data-exercise="${id}"`);
		return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
	};

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		app = await startApp({ ...db.env, ...env });
		trainer = new FormClient(app.url);
		await trainer.signIn(app.auth.users.trainer.email, app.auth.users.trainer.password);
		mqttUrl = env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`;
		mqtt = await connect(mqttUrl, `drill-${RUN}`);
	});
	afterAll(async () => {
		if (cli && cli.exitCode === null) cli.kill('SIGKILL');
		if (mqtt) await end(mqtt);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('lists a running command-line drill with its clock and injects, and drops it when it ends', async () => {
		const before = await trainer.get('/drills');
		expect(testId(await before.text(), 'drills-none')).not.toBe('');

		const t0 = Date.now();
		await publishAll(mqtt, [state('running', 3600, new Date(t0))]);
		await publishAll(mqtt, [
			{
				topic: topics.exerciseInject(EX),
				payload: JSON.stringify({
					msgId: `${EX}-i1`,
					ts: new Date(t0 + 1).toISOString(),
					exercise: EX,
					number: 1,
					scenarioSec: 3700,
					type: 'contextual',
					from: 'Kulob rescue unit',
					to: 'EOC',
					message: INJECT
				})
			},
			state('running', 3725, new Date(t0 + 2))
		]);
		const shown = await waitFor('the drill on /drills with its inject', async () => {
			const s = await section();
			return s.includes(INJECT) && testId(s, 'exercise-clock') === 'T+1:02:05' && s;
		});
		// Running, its clock and speed of the newest state, its inject, no controls.
		expect(testId(shown, 'exercise-status')).toBe('running');
		expect(shown).toContain('×30');
		expect(testId(shown, 'exercise-delivered')).toContain(`#1 · T+1:01:40 · ${INJECT}`);
		expect(shown).not.toContain('<form');
		expect(shown).toContain('npm run drill');
		expect(shown).toContain(`/wall?exercise=${EX}`);
		expect(shown).toContain(`/drills/${EX}/report`);
		// The live poll says the same.
		const live = (await (await trainer.get('/drills/state')).json()) as {
			drills: unknown[];
			exercises: { id: string; status: string; scenarioSec: number; stale: boolean }[];
		};
		expect(live.exercises.find((e) => e.id === EX)).toMatchObject({
			status: 'running',
			scenarioSec: 3725,
			stale: false
		});

		// A late message never moves the clock back.
		await publishAll(mqtt, [state('running', 60, new Date(t0 - 60_000))]);
		await publishAll(mqtt, [state('paused', 3730, new Date(t0 + 3))]);
		const paused = await waitFor('the drill paused', async () => {
			const s = await section();
			return testId(s, 'exercise-status') === 'paused' && s;
		});
		expect(testId(paused, 'exercise-clock')).toBe('T+1:02:10');

		await publishAll(mqtt, [state('ended', 3730, new Date(t0 + 4))]);
		await waitFor('the ended drill off the list', async () => (await section()) === '');
		// A late 'running' (older than the end) does not bring it back; another drill's state,
		// published after it, shows that it was taken in.
		const other = `cli2-${RUN}`;
		await publishAll(mqtt, [
			state('running', 100, new Date(t0 - 30_000)),
			{
				topic: topics.exerciseState(other),
				payload: JSON.stringify({
					...JSON.parse(state('running', 5, new Date()).payload),
					exercise: other
				})
			}
		]);
		await waitFor('the other drill listed', async () =>
			(await (await trainer.get('/drills')).text()).includes(`data-exercise="${other}"`)
		);
		const after = (await (await trainer.get('/drills/state')).json()) as {
			exercises: { id: string }[];
		};
		expect(after.exercises.map((e) => e.id)).not.toContain(EX);
	});

	it('is for trainers: an operator is refused the list', async () => {
		const op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		expect((await op.get('/drills/state')).status).toBe(403);
	});

	it('shows a real `npm run drill` as it runs, until Ctrl-C twice ends it', async () => {
		const id = `cli-real-${RUN}`;
		// simulators/drill.ts as `npm run drill` runs it (tsx), one process to signal.
		cli = spawn(
			process.execPath,
			['--import', 'tsx', 'simulators/drill.ts', 'kulob-mudflow', '--speed', '60'].concat([
				'--broker',
				mqttUrl,
				'--exercise',
				id
			]),
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let out = '';
		cli.stdout?.on('data', (b: Buffer) => (out += b.toString()));
		cli.stderr?.on('data', (b: Buffer) => (out += b.toString()));
		const shown = await waitFor(
			'the CLI drill on /drills with its first inject',
			async () => {
				const s = await section(id);
				return testId(s, 'exercise-status') === 'running' && s.includes('#1 ·') && s;
			},
			60_000,
			250
		).catch((e: Error) => {
			throw new Error(`${e.message}\n${out}`);
		});
		expect(testId(shown, 'exercise-clock')).toMatch(/^T\+\d+:\d\d(:\d\d)?$/);
		expect(shown).toContain('×60');
		expect(shown).toContain('Heavy-rain warning');
		// Ctrl-C pauses, Ctrl-C again ends: the drill publishes `ended` and leaves the list.
		cli.kill('SIGINT');
		await waitFor('the CLI drill paused', async () => {
			return testId(await section(id), 'exercise-status') === 'paused';
		});
		cli.kill('SIGINT');
		await waitFor('the ended CLI drill off the list', async () => (await section(id)) === '');
		expect(out).toContain(`exercise ${id} ended`);
	});
});
