/**
 * The running drill: one exercise of a scenario with its clock, its queue of due actions, the
 * simulated actors and the outbox. It precomputes the hazard frames, plans the scenario, advances
 * the clock through the queue and delivers the injects; the controls (./controls.ts) drive it.
 * Every payload it publishes is valid under src/lib/contracts and carries the exercise id.
 */
import { topics } from '../../src/lib/contracts';
import type { Dem } from '../terrain/types';
import type { MudflowModel, ExtentFrame } from '../model/types';
import type { Inject, Scenario, TerrainSpec } from '../scenario/schema';
import { ResourceActor, SensorActor, TeamActor } from './actors';
import { ScenarioClock, type TimeSource } from './clock';
import { runEffect, type EffectContext, type Ref } from './effects';
import { bandHazardId, frameMessages, mudflowParams, type FrameMessages } from './hazards';
import { Outbox, type PublishText } from './outbox';
import { ActionQueue, type Action } from './queue';
import type { DeliveredInject, DrillEvent, DrillState, Publish } from './types';

/** Wall milliseconds between two state messages of a running drill (the EOC's sign of life). */
export const STATE_EVERY_MS = 5000;

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

export class DrillRun {
	readonly scenario: Scenario;
	readonly clock: ScenarioClock;
	readonly outbox: Outbox;
	readonly queue = new ActionQueue();
	readonly listeners = new Set<(e: DrillEvent) => void>();
	/** The injects in the order they fall due. */
	readonly injects: Inject[];
	readonly state: DrillState;
	readonly deliveredSet = new Set<number>();
	private readonly byNumber: Map<number, Inject>;
	private readonly seed: string | number;
	private frames: Map<string, FrameMessages[]> | null = null;
	private teams = new Map<string, TeamActor>();
	private sensors = new Map<string, SensorActor>();
	private resources = new Map<string, ResourceActor>();
	private incidents = new Map<string, string>();
	private released = new Set<string>();
	private stopTimer: (() => void) | null = null;
	private lastStateAt = -Infinity;
	private endedResolve: () => void = () => {};
	endedPromise = new Promise<void>((r) => (this.endedResolve = r));
	// One thing at a time: ticks, jumps, manual injects and state messages never interleave.
	private chain: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly options: DrillOptions,
		readonly time: TimeSource,
		readonly exerciseId: string,
		private readonly name: string,
		speed0: number
	) {
		const { scenario } = options;
		this.scenario = scenario;
		this.seed = options.seed ?? 1;
		this.clock = new ScenarioClock(time, speed0);
		this.outbox = new Outbox(exerciseId, options.publish, time.now, options.publishText);
		this.injects = [...scenario.injects].sort((a, b) => a.at - b.at || a.number - b.number);
		this.byNumber = new Map(this.injects.map((i) => [i.number, i]));
		this.state = {
			exerciseId,
			scenarioId: scenario.id,
			status: 'idle',
			scenarioSec: 0,
			speed: speed0,
			progress: 0,
			delivered: [],
			upcoming: this.injects.map((i) => i.number)
		};
	}

	exclusive<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.chain.then(fn);
		this.chain = run.catch(() => {});
		return run;
	}

	emit(e: DrillEvent): void {
		for (const l of this.listeners) l(e);
	}
	emitState(): void {
		this.emit({ kind: 'state', state: this.snapshot() });
	}
	readonly fail = (err: unknown): void =>
		this.emit({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
	snapshot(): DrillState {
		return {
			...this.state,
			delivered: [...this.state.delivered],
			upcoming: [...this.state.upcoming]
		};
	}

	/** Advance the clock to now and run what is due (the timer calls it; tests call it). */
	tick(): Promise<void> {
		return this.exclusive(() => this.step()).catch(this.fail);
	}
	/** Starts the clock's timer unless it runs; `restart` replaces a running one. */
	startTimer(restart: boolean): void {
		if (this.stopTimer && !restart) return;
		this.stopTimer = this.time.every(this.options.tickMs ?? 250, () => void this.tick());
	}
	stopTimerNow(): void {
		this.stopTimer?.();
		this.stopTimer = null;
	}
	/** A fresh promise for `ended()`, the previous one resolved (a reset). */
	rearmEnded(): void {
		this.endedResolve();
		this.endedPromise = new Promise<void>((r) => (this.endedResolve = r));
	}

	private send(topic: string, body: Record<string, unknown>, sec: number, msgId?: string) {
		return this.outbox.send(topic, body, this.clock.wallAt(sec), msgId);
	}
	private readonly schedule = (a: Action) =>
		this.queue.push({ sec: a.sec, run: () => a.run().catch(this.fail) });

	/** The simulated teams and gauges afresh, nothing delivered or released yet. */
	cast(): void {
		const sendAny = (topic: string, body: Record<string, unknown>, sec: number) =>
			this.send(topic, body, sec);
		this.teams = new Map(
			this.scenario.teams.map((t) => [t.id, new TeamActor(t, this.seed, sendAny, this.schedule)])
		);
		this.sensors = new Map(this.scenario.sensors.map((s) => [s.id, new SensorActor(s, this.seed)]));
		this.resources = new Map(
			this.scenario.resources.map((r) => [
				r.id,
				new ResourceActor(r, this.seed, sendAny, this.schedule)
			])
		);
		this.incidents = new Map();
		this.released = new Set();
		this.deliveredSet.clear();
	}

	private release(hazardId: string, sec: number): Ref | null {
		if (this.released.has(hazardId)) return null;
		this.released.add(hazardId);
		const list = this.frames?.get(hazardId) ?? [];
		list.forEach((frame, i) => {
			this.schedule({
				sec: sec + frame.tSec,
				run: async () => {
					for (const m of frame.messages)
						await this.send(
							topics.hazardExtent(m.hazardId),
							m.body,
							sec + frame.tSec,
							`${this.exerciseId}-f${i}`
						);
				}
			});
		});
		const band0 = bandHazardId(hazardId, 0);
		return {
			family: 'hazard_extent',
			id: band0,
			sender: `hazard:${band0}`,
			msgId: `${this.exerciseId}-f0`
		};
	}

	private ctx(): EffectContext {
		return {
			exerciseId: this.exerciseId,
			teams: this.teams,
			sensors: this.sensors,
			resources: this.resources,
			requests: [],
			incidents: this.incidents,
			send: (topic, body, sec) => this.send(topic, body, sec),
			sendText: async (topic, text) => this.outbox.sendText(topic, text),
			schedule: this.schedule,
			release: (hazardId, sec) => this.release(hazardId, sec),
			wallAt: (sec) => this.clock.wallAt(sec),
			wallAhead: (sec, seconds) => this.clock.wallAhead(sec, seconds)
		};
	}

	async deliver(inject: Inject, sec: number): Promise<void> {
		if (this.deliveredSet.has(inject.number)) return;
		this.deliveredSet.add(inject.number);
		const refs: Ref[] = [];
		let expectedEffect: number | undefined;
		const ctx = this.ctx();
		for (const [i, effect] of inject.effects.entries()) {
			const ref = await runEffect(ctx, inject, effect, sec, i).catch(
				(err) => (this.fail(err), null)
			);
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
			effects: refs,
			...(ctx.requests.length > 0 ? { requests: ctx.requests } : {})
		};
		await this.send(topics.exerciseInject(this.exerciseId), record, sec);
		const done: DeliveredInject = {
			number: inject.number,
			scenarioSec: Math.floor(sec),
			deliveredAt: new Date(this.clock.wallAt(sec))
		};
		this.state.delivered.push(done);
		this.state.upcoming = this.state.upcoming.filter((n) => n !== inject.number);
		this.emit({ kind: 'delivered', inject: done });
	}

	publishState(withRoster = false): Promise<unknown> {
		const { state, scenario } = this;
		this.lastStateAt = this.time.now();
		const status =
			state.status === 'idle' || state.status === 'precomputing' ? 'reset' : state.status;
		const body = {
			name: this.name,
			scenario: scenario.id,
			status,
			speed: this.clock.speed,
			scenarioSec: Math.floor(state.scenarioSec),
			scenarioStart: scenario.start,
			...(withRoster ? roster(scenario) : {})
		};
		return this.send(topics.exerciseState(this.exerciseId), body, state.scenarioSec).catch(
			this.fail
		);
	}

	async precompute(): Promise<void> {
		const { state, scenario } = this;
		if (this.frames) return;
		state.status = 'precomputing';
		state.progress = 0;
		this.emitState();
		const out = new Map<string, FrameMessages[]>();
		const dem = scenario.hazards.length ? await this.options.loadTerrain(scenario.terrain) : null;
		for (const [k, h] of scenario.hazards.entries()) {
			const onProgress = (f: number) => {
				state.progress = (k + Math.min(1, Math.max(0, f))) / scenario.hazards.length;
				this.emitState();
			};
			const list: ExtentFrame[] = await this.options.model(
				dem as Dem,
				mudflowParams(h),
				onProgress
			);
			out.set(h.id, frameMessages(h, list));
		}
		this.frames = out;
		state.progress = 1;
	}

	plan(): void {
		const { scenario, schedule } = this;
		this.cast();
		for (const t of this.teams.values())
			schedule({ sec: 0, run: () => t.appear(0).then(() => {}) });
		for (const s of this.sensors.values())
			schedule(s.reading(0, scenario.duration, (tp, b, sec) => this.send(tp, b, sec), schedule));
		for (const r of this.resources.values())
			schedule({ sec: 0, run: () => r.appear(0).then(() => {}) });
		for (const h of scenario.hazards)
			schedule({ sec: h.releaseAt, run: async () => void this.release(h.id, h.releaseAt) });
		for (const inject of this.injects)
			schedule({ sec: inject.at, run: () => this.deliver(inject, inject.at) });
	}

	async advance(target: number): Promise<void> {
		for (let a = this.queue.popDue(target); a; a = this.queue.popDue(target)) {
			this.state.scenarioSec = Math.max(this.state.scenarioSec, a.sec);
			await a.run();
		}
		this.state.scenarioSec = target;
	}

	async finish(): Promise<void> {
		this.stopTimerNow();
		this.clock.pause();
		this.state.status = 'ended';
		this.queue.clear();
		await this.publishState();
		this.emitState();
		this.endedResolve();
	}

	private async step(): Promise<void> {
		const status = this.state.status;
		if (status !== 'running' && status !== 'paused') return;
		if (status === 'running') {
			const target = Math.min(this.clock.sec(), this.scenario.duration);
			await this.advance(target);
			if (target >= this.scenario.duration) return this.finish();
		}
		// A paused drill keeps saying so: without it, consoles would take a long pause for a
		// drill that died (they mark an exercise silent for two minutes as "no news since").
		if (this.time.now() - this.lastStateAt >= (this.options.stateEveryMs ?? STATE_EVERY_MS))
			await this.publishState();
		if (status === 'running') this.emitState();
	}

	/** An inject still to come, in a started drill; an error that says why not otherwise. */
	pending(n: number): Inject {
		const inject = this.byNumber.get(n);
		if (!inject) throw new RangeError(`no inject ${n} in ${this.scenario.id}`);
		if (this.state.status !== 'running' && this.state.status !== 'paused')
			throw new Error('start the drill first');
		if (this.deliveredSet.has(n)) throw new Error(`inject ${n} was delivered already`);
		return inject;
	}
}

/** The drill's simulated teams and gauges, its equipment and stores, as the state message carries them. */
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
		})),
		...(s.resources.length > 0
			? {
					resources: s.resources.map((r) => ({
						id: r.id,
						kind: r.kind,
						name: r.name,
						...(r.plate ? { plate: r.plate } : {}),
						...(r.agency ? { agency: r.agency } : {}),
						homeBase: r.home.name,
						...(r.team ? { team: r.team } : {}),
						lat: r.home.lat,
						lon: r.home.lon
					}))
				}
			: {}),
		...(s.stores.length > 0
			? {
					stores: s.stores.map((x) => ({
						id: x.id,
						name: x.name,
						...(x.agency ? { agency: x.agency } : {}),
						...(x.district ? { district: x.district } : {}),
						lat: x.lat,
						lon: x.lon,
						stock: x.stock
					}))
				}
			: {})
	};
}
