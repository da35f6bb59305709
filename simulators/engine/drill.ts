/**
 * The drill engine: `createDrill(options)` runs one exercise of a scenario. It precomputes the
 * hazard frames (with progress), then runs a scenario clock (start, pause, resume, speed ×1..×60,
 * jump to an inject, reset) and, as the clock passes their time, delivers the injects and lets the
 * simulated actors publish through the injected `Publish`, every payload valid under
 * src/lib/contracts and carrying the exercise id. The same seed gives the same drill.
 */
import { MAX_SPEED, MIN_SPEED, topics } from '../../src/lib/contracts';
import type { Dem } from '../terrain/types';
import type { MudflowModel, ExtentFrame } from '../model/types';
import type { Inject, Scenario, TerrainSpec } from '../scenario/schema';
import { SensorActor, TeamActor } from './actors';
import { realTime, ScenarioClock, type TimeSource } from './clock';
import { runEffect, type EffectContext, type Ref } from './effects';
import { bandHazardId, frameMessages, mudflowParams, type FrameMessages } from './hazards';
import { Outbox, type PublishText } from './outbox';
import { ActionQueue, type Action } from './queue';
import type { DeliveredInject, DrillControl, DrillEvent, DrillState, Publish } from './types';

export interface DrillOptions {
	scenario: Scenario;
	publish: Publish;
	/** Publishes text (the CAP warning's XML); without it CAP effects publish nothing. */
	publishText?: PublishText;
	/** `[A-Za-z0-9_-]{1,64}`; default `<scenario>-<yyyymmddThhmm>` of the start. */
	exerciseId?: string;
	name?: string;
	seed?: string | number;
	speed?: number;
	/** The mudflow model and the terrain it runs on (defaults wired in ./defaults.ts). */
	model: MudflowModel;
	loadTerrain: (spec: TerrainSpec) => Promise<Dem>;
	time?: TimeSource;
	/** Wall milliseconds between two clock ticks, and between two state messages while running. */
	tickMs?: number;
	stateEveryMs?: number;
}

export interface Drill extends DrillControl {
	/** Advance the clock to now and run what is due (the timer calls it; tests call it). */
	tick(): Promise<void>;
	/** Resolves when the drill has ended (the scenario's end reached). */
	ended(): Promise<void>;
	/** Ends the drill now (a trainer stops early): the state `ended` is published. */
	end(): Promise<void>;
	/** Stops the timer without publishing anything (the host is shutting down). */
	dispose(): void;
}

export function defaultExerciseId(scenarioId: string, nowMs: number): string {
	const stamp = new Date(nowMs).toISOString().slice(0, 16).replace(/[-:]/g, '');
	return `${scenarioId.slice(0, 48)}-${stamp}`;
}

export function createDrill(options: DrillOptions): Drill {
	const { scenario } = options;
	const time = options.time ?? realTime;
	const seed = options.seed ?? 1;
	const speed0 = options.speed ?? 1;
	checkSpeed(speed0);
	const exerciseId = options.exerciseId ?? defaultExerciseId(scenario.id, time.now());
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(exerciseId))
		throw new RangeError(`invalid exercise id "${exerciseId}"`);
	const name = options.name ?? scenario.name;
	const clock = new ScenarioClock(time, speed0);
	const outbox = new Outbox(exerciseId, options.publish, time.now, options.publishText);
	const queue = new ActionQueue();
	const listeners = new Set<(e: DrillEvent) => void>();
	const injects = [...scenario.injects].sort((a, b) => a.at - b.at || a.number - b.number);
	const byNumber = new Map(injects.map((i) => [i.number, i]));

	const state: DrillState = {
		exerciseId,
		scenarioId: scenario.id,
		status: 'idle',
		scenarioSec: 0,
		speed: speed0,
		progress: 0,
		delivered: [],
		upcoming: injects.map((i) => i.number)
	};
	let frames: Map<string, FrameMessages[]> | null = null;
	let teams = new Map<string, TeamActor>();
	let sensors = new Map<string, SensorActor>();
	let incidents = new Map<string, string>();
	let released = new Set<string>();
	let deliveredSet = new Set<number>();
	let stopTimer: (() => void) | null = null;
	let lastStateAt = -Infinity;
	let endedResolve: () => void = () => {};
	let endedPromise = new Promise<void>((r) => (endedResolve = r));
	// One thing at a time: ticks, jumps, manual injects and state messages never interleave.
	let chain: Promise<unknown> = Promise.resolve();
	const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
		const run = chain.then(fn);
		chain = run.catch(() => {});
		return run;
	};

	const emit = (e: DrillEvent) => {
		for (const l of listeners) l(e);
	};
	const emitState = () => emit({ kind: 'state', state: snapshot() });
	const fail = (err: unknown) =>
		emit({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
	const snapshot = (): DrillState => ({
		...state,
		delivered: [...state.delivered],
		upcoming: [...state.upcoming]
	});

	const send = (topic: string, body: Record<string, unknown>, sec: number, msgId?: string) =>
		outbox.send(topic, body, clock.wallAt(sec), msgId);
	const schedule = (a: Action) => queue.push({ sec: a.sec, run: () => a.run().catch(fail) });

	function cast(): void {
		const sendAny = (topic: string, body: Record<string, unknown>, sec: number) =>
			send(topic, body, sec);
		teams = new Map(scenario.teams.map((t) => [t.id, new TeamActor(t, seed, sendAny, schedule)]));
		sensors = new Map(scenario.sensors.map((s) => [s.id, new SensorActor(s, seed)]));
		incidents = new Map();
		released = new Set();
		deliveredSet = new Set();
	}

	function release(hazardId: string, sec: number): Ref | null {
		if (released.has(hazardId)) return null;
		released.add(hazardId);
		const list = frames?.get(hazardId) ?? [];
		list.forEach((frame, i) => {
			schedule({
				sec: sec + frame.tSec,
				run: async () => {
					for (const m of frame.messages)
						await send(
							topics.hazardExtent(m.hazardId),
							m.body,
							sec + frame.tSec,
							`${exerciseId}-f${i}`
						);
				}
			});
		});
		const band0 = bandHazardId(hazardId, 0);
		return {
			family: 'hazard_extent',
			id: band0,
			sender: `hazard:${band0}`,
			msgId: `${exerciseId}-f0`
		};
	}

	const ctx = (): EffectContext => ({
		exerciseId,
		teams,
		sensors,
		incidents,
		send: (topic, body, sec) => send(topic, body, sec),
		sendText: async (topic, text) => outbox.sendText(topic, text),
		schedule,
		release,
		wallAt: (sec) => clock.wallAt(sec)
	});

	async function deliver(inject: Inject, sec: number): Promise<void> {
		if (deliveredSet.has(inject.number)) return;
		deliveredSet.add(inject.number);
		const refs: Ref[] = [];
		let expectedEffect: number | undefined;
		for (const [i, effect] of inject.effects.entries()) {
			const ref = await runEffect(ctx(), inject, effect, sec).catch((err) => (fail(err), null));
			if (ref && i === inject.expectedAction?.effect) expectedEffect = refs.length;
			if (ref) refs.push(ref);
		}
		const record = {
			number: inject.number,
			scenarioSec: Math.floor(sec),
			type: inject.type,
			from: inject.from,
			to: inject.to,
			message: inject.message,
			...(inject.expectedAction ? { expectedAction: inject.expectedAction.text } : {}),
			expectedKind: inject.expectedAction?.kind ?? 'none',
			...(expectedEffect !== undefined ? { expectedEffect } : {}),
			...(inject.objective ? { objective: inject.objective } : {}),
			effects: refs
		};
		await send(topics.exerciseInject(exerciseId), record, sec);
		const done: DeliveredInject = {
			number: inject.number,
			scenarioSec: Math.floor(sec),
			deliveredAt: new Date(clock.wallAt(sec))
		};
		state.delivered.push(done);
		state.upcoming = state.upcoming.filter((n) => n !== inject.number);
		emit({ kind: 'delivered', inject: done });
	}

	function publishState(withRoster = false): Promise<unknown> {
		lastStateAt = time.now();
		const status =
			state.status === 'idle' || state.status === 'precomputing' ? 'reset' : state.status;
		const body = {
			name,
			scenario: scenario.id,
			status,
			speed: clock.speed,
			scenarioSec: Math.floor(state.scenarioSec),
			scenarioStart: scenario.start,
			...(withRoster ? roster(scenario) : {})
		};
		return send(topics.exerciseState(exerciseId), body, state.scenarioSec).catch(fail);
	}

	async function precompute(): Promise<void> {
		if (frames) return;
		state.status = 'precomputing';
		state.progress = 0;
		emitState();
		const out = new Map<string, FrameMessages[]>();
		const dem = scenario.hazards.length ? await options.loadTerrain(scenario.terrain) : null;
		for (const [k, h] of scenario.hazards.entries()) {
			const onProgress = (f: number) => {
				state.progress = (k + Math.min(1, Math.max(0, f))) / scenario.hazards.length;
				emitState();
			};
			const list: ExtentFrame[] = await options.model(dem as Dem, mudflowParams(h), onProgress);
			out.set(h.id, frameMessages(h, list));
		}
		frames = out;
		state.progress = 1;
	}

	function plan(): void {
		cast();
		for (const t of teams.values()) schedule({ sec: 0, run: () => t.appear(0).then(() => {}) });
		for (const s of sensors.values())
			schedule(s.reading(0, scenario.duration, (tp, b, sec) => send(tp, b, sec), schedule));
		for (const h of scenario.hazards)
			schedule({ sec: h.releaseAt, run: async () => void release(h.id, h.releaseAt) });
		for (const inject of injects)
			schedule({ sec: inject.at, run: () => deliver(inject, inject.at) });
	}

	async function advance(target: number): Promise<void> {
		for (let a = queue.popDue(target); a; a = queue.popDue(target)) {
			state.scenarioSec = Math.max(state.scenarioSec, a.sec);
			await a.run();
		}
		state.scenarioSec = target;
	}

	async function finish(): Promise<void> {
		stopTimer?.();
		stopTimer = null;
		clock.pause();
		state.status = 'ended';
		queue.clear();
		await publishState();
		emitState();
		endedResolve();
	}

	async function step(): Promise<void> {
		if (state.status !== 'running') return;
		const target = Math.min(clock.sec(), scenario.duration);
		await advance(target);
		if (target >= scenario.duration) return finish();
		if (time.now() - lastStateAt >= (options.stateEveryMs ?? 5000)) await publishState();
		emitState();
	}

	const drill: Drill = {
		get state() {
			return snapshot();
		},
		start: () =>
			state.status === 'paused'
				? resumeNow()
				: exclusive(async () => {
						if (state.status !== 'idle') return;
						await precompute();
						plan();
						state.status = 'running';
						clock.start();
						await publishState(true);
						emitState();
						stopTimer = time.every(options.tickMs ?? 250, () => void drill.tick());
					}),
		pause() {
			if (state.status !== 'running') return;
			clock.pause();
			state.scenarioSec = clock.sec();
			state.status = 'paused';
			void exclusive(() => publishState());
			emitState();
		},
		resume() {
			void resumeNow().catch(fail);
		},
		setSpeed(speed: number) {
			checkSpeed(speed);
			clock.setSpeed(speed);
			state.speed = speed;
			if (state.status === 'running' || state.status === 'paused')
				void exclusive(() => publishState());
			emitState();
		},
		jumpTo: (n: number) =>
			exclusive(async () => {
				const inject = pending(n);
				const target = Math.max(inject.at, state.scenarioSec);
				clock.jump(target);
				await advance(target);
				await deliver(inject, target);
				await publishState();
				emitState();
			}),
		deliver: (n: number) =>
			exclusive(async () => {
				await deliver(pending(n), state.scenarioSec);
				emitState();
			}),
		reset: () =>
			exclusive(async () => {
				stopTimer?.();
				stopTimer = null;
				clock.reset();
				queue.clear();
				state.status = 'idle';
				state.scenarioSec = 0;
				await publishState();
				outbox.restart();
				cast();
				state.delivered = [];
				state.upcoming = injects.map((i) => i.number);
				endedResolve();
				endedPromise = new Promise<void>((r) => (endedResolve = r));
				emitState();
			}),
		on(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		tick: () => exclusive(step).catch(fail),
		ended: () => endedPromise,
		end: () =>
			exclusive(async () => {
				if (state.status === 'running' || state.status === 'paused') await finish();
			}),
		dispose() {
			stopTimer?.();
			stopTimer = null;
		}
	};

	/** An inject still to come, in a started drill; an error that says why not otherwise. */
	function pending(n: number): Inject {
		const inject = byNumber.get(n);
		if (!inject) throw new RangeError(`no inject ${n} in ${scenario.id}`);
		if (state.status !== 'running' && state.status !== 'paused')
			throw new Error('start the drill first');
		if (deliveredSet.has(n)) throw new Error(`inject ${n} was delivered already`);
		return inject;
	}

	/** The clock resumes at once; the state message follows in turn. */
	function resumeNow(): Promise<void> {
		if (state.status !== 'paused') return Promise.resolve();
		clock.start();
		state.status = 'running';
		stopTimer ??= time.every(options.tickMs ?? 250, () => void drill.tick());
		emitState();
		return exclusive(async () => void (await publishState(true)));
	}

	return drill;
}

function checkSpeed(speed: number): void {
	if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
		throw new RangeError(`speed must be from ${MIN_SPEED} to ${MAX_SPEED}, got ${speed}`);
}

/** The drill's simulated teams and gauges, as the state message carries them. */
function roster(s: Scenario) {
	return {
		teams: s.teams.map((t) => ({
			id: t.id,
			callsign: t.callsign,
			kind: t.kind,
			homeBase: t.home.name
		})),
		sensors: s.sensors.map((x) => ({
			id: x.id,
			kind: x.kind,
			name: x.name,
			...(x.unit ? { unit: x.unit } : {}),
			lat: x.lat,
			lon: x.lon,
			...(x.warning !== undefined ? { warning: x.warning } : {}),
			...(x.danger !== undefined ? { danger: x.danger } : {})
		}))
	};
}
