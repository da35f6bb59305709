import { alarmRuleSchema } from '$lib/contracts/alarm-rule';
import type { Database } from '../db/types';
import { readActiveAlarms, type ActiveAlarm } from '../entities/alarm/read';
import { clearAlarms, raiseAlarms, type Firing } from '../entities/alarm/write';
import { recordChanges, type ChangeSet } from '../live/changes';
import type { Logger } from '../ops/log';
import { alarmPassSeconds } from '../ops/metrics';
import { evaluatePass, type Pass, type SubjectKind } from './pass';
import { listRules, onRulesChanged } from './rules';
import type { EmergencySignal, EngineRule } from './types';

export type { EmergencySignal, EngineRule };

/** What changed, as the live hub saw it committed: kinds and ids (alarm changes are ignored). */
export interface Changed {
	event: string;
	data: unknown;
}

const SUBJECT_OF: Record<string, SubjectKind | 'shelter'> = {
	sensor: 'sensor',
	team: 'team',
	incident: 'incident',
	hazard: 'hazard',
	stock: 'stock',
	shelter: 'shelter'
};

export interface EngineOptions {
	db: Database;
	log: Logger;
	/** The clock (tests inject one). */
	now?: () => Date;
	/** Time-based rules are evaluated this often; 0: only when `tick()` is called. */
	tickMs?: number;
	/** Called after a pass recorded changes (the hub reads the change log at once). */
	onChanges?: () => void;
	/**
	 * The least time from the end of one pass to the start of the next (ms, default 200): what
	 * arrives meanwhile is merged into one pass, so a busy ingest pays for at most a few passes a
	 * second, not one per commit (the embedded database runs one query at a time). An alarm waits
	 * at most this (besides the pass itself); `tick()` does not wait.
	 */
	minGapMs?: number;
}

/**
 * The alarm rules engine. It runs after commits, never inside one: the live hub hands it every
 * committed change (of any instance: `observe`), the ingest writer the emergency flags of the
 * status messages it committed, and a timer drives the time-based rules (silent teams, unassigned
 * incidents, waiting reports) and the clearing. Passes run one at a time; what arrives meanwhile
 * is merged into the next. Each pass writes its alarms in one transaction with their changes, so
 * walls and consoles get them like any other change. Several instances may evaluate the same
 * commit: the alarm table's unique index keeps one alarm per rule, subject and picture.
 */
export class AlarmEngine {
	#rules: EngineRule[] = [];
	#rulesStale = true;
	#pending: Pass = emptyPass();
	/** Emergencies of a pass that failed (the database refused): tried again at the next tick. */
	#retry: Pass = emptyPass();
	#running: Promise<void> | null = null;
	/** When the last pass ended (epoch ms), and whether the next pass is asked for at once. */
	#lastEnd = 0;
	#now = false;
	#wake: (() => void) | null = null;
	#timer: ReturnType<typeof setInterval> | null = null;
	#unsubscribe: (() => void) | null = null;
	#stopped = false;
	now: () => Date;
	/** Passes run since start (the gap's test reads it; /metrics has their durations). */
	passes = 0;

	constructor(private readonly opts: EngineOptions) {
		this.now = opts.now ?? (() => new Date());
	}

	async start(): Promise<void> {
		this.#unsubscribe = onRulesChanged(() => {
			this.#rulesStale = true;
			this.#schedule({ all: true });
		});
		const tickMs = this.opts.tickMs ?? 15_000;
		if (tickMs > 0) {
			this.#timer = setInterval(() => {
				// Rules are read again each tick: an edit on another instance reaches this one within
				// a tick (onRulesChanged hears only this instance's edits, at once).
				this.#rulesStale = true;
				const pass = this.#retry;
				this.#retry = emptyPass();
				mergePass(pass, { all: true });
				this.#schedule(pass);
			}, tickMs);
			this.#timer.unref();
		}
		await this.tick();
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearInterval(this.#timer);
		this.#unsubscribe?.();
		this.#wake?.();
		await this.#running?.catch(() => {});
	}

	/** Sets the clock (tests drive time-based rules with it). */
	setClock(now: () => Date): void {
		this.now = now;
	}

	/** A full pass at the clock's time (the timer's work), awaited. */
	async tick(): Promise<void> {
		this.#schedule({ all: true }, true);
		await this.idle();
	}

	/** Resolves when no pass is running or waiting. */
	async idle(): Promise<void> {
		while (this.#running) await this.#running.catch(() => {});
	}

	/** Committed changes (live hub observer): their subjects are evaluated again. */
	changed(messages: readonly Changed[]): void {
		const pass = passOf(messages);
		if (pass) this.#schedule(pass);
	}

	/** Emergency flags of committed status messages (ingest writer). */
	emergencies(signals: readonly EmergencySignal[]): void {
		if (signals.length === 0) return;
		const pass = emptyPass();
		for (const s of signals) pass.emergencies.set(`${s.exercise ?? ''}\u0000${s.teamId}`, s);
		this.#schedule(pass, true); // a team pressing for help does not wait for the gap
	}

	/** Rules (reloaded when changed). */
	rules(): readonly EngineRule[] {
		return this.#rules;
	}

	#schedule(p: Partial<Pass>, now = false): void {
		if (this.#stopped) return;
		mergePass(this.#pending, p);
		if (now) {
			this.#now = true;
			this.#wake?.(); // a pass waiting out the gap starts at once
		}
		if (this.#running) return;
		this.#running = (async () => {
			try {
				while (!this.#stopped && !isEmpty(this.#pending)) {
					// The gap counts from the end of the last pass, whether or not changes kept coming
					// in between: under a steady ingest each commit would otherwise start a pass of its
					// own the moment the last one ended. A tick or a team's emergency does not wait.
					const gap = this.#lastEnd + (this.opts.minGapMs ?? 200) - Date.now();
					if (gap > 0 && !this.#now)
						await new Promise<void>((r) => {
							const t = setTimeout((this.#wake = r), gap);
							t.unref();
						});
					this.#wake = null;
					if (this.#stopped) break;
					this.#now = false;
					const pass = this.#pending;
					this.#pending = emptyPass();
					this.passes++;
					const timer = alarmPassSeconds.startTimer();
					await this.#run(pass)
						.finally(() => timer())
						.catch((err) => {
							// A team's emergency is heard once (the ingest's signal): never dropped with a
							// failed pass. The rest is evaluated again by the next tick anyway.
							if (pass.emergencies.size > 0)
								mergePass(this.#retry, { emergencies: pass.emergencies });
							this.opts.log.error(
								{ err: String(err), emergencies: pass.emergencies.size },
								'alarm engine pass failed: tried again at the next tick'
							);
						});
					// Only passes that changes drove count toward the gap: the timer's pass, every 15 s,
					// must not hold back the alarm of a reading that follows it.
					if (!pass.all || pass.kinds.size > 0 || hasIds(pass)) this.#lastEnd = Date.now();
				}
			} finally {
				this.#running = null;
			}
		})();
	}

	async #loadRules(): Promise<void> {
		if (!this.#rulesStale) return;
		// Stale until the load succeeds: a failed read must not leave the engine with no rules
		// (a full pass would then clear every alarm as if its rule were deleted).
		const rows = await listRules(this.opts.db);
		this.#rulesStale = false;
		const rules: EngineRule[] = [];
		for (const r of rows) {
			const parsed = alarmRuleSchema.safeParse({
				name: r.name,
				kind: r.kind,
				level: r.level,
				enabled: r.enabled,
				escalateAfterS: r.escalateAfterS,
				params: r.params
			});
			if (parsed.success) rules.push({ ...parsed.data, id: r.id });
			else this.opts.log.warn({ rule: r.id }, 'alarm rule does not parse: skipped');
		}
		this.#rules = rules;
	}

	async #run(pass: Pass): Promise<void> {
		await this.#loadRules();
		const at = this.now();
		const db = this.opts.db;
		// A pass over some subjects reads only their alarms (the ids of any kind: a superset).
		const some =
			pass.all || pass.kinds.size > 0
				? null
				: [
						...Object.values(pass.ids).flatMap((s) => [...s]),
						...[...pass.emergencies.values()].map((e) => e.teamId)
					];
		const active: ActiveAlarm[] = await readActiveAlarms(db, some);
		const { raise, clear } = await evaluatePass(db, {
			pass,
			rules: this.#rules.filter((r) => r.enabled),
			allRuleIds: new Set(this.#rules.filter((r) => r.enabled).map((r) => r.id)),
			active,
			at
		});
		if (raise.length === 0 && clear.length === 0) return;
		const changes: ChangeSet = new Map();
		await db.transaction(async (tx) => {
			await raiseAlarms(tx, raise as Firing[], at, changes);
			await clearAlarms(tx, clear, at, changes);
			await recordChanges(tx, changes);
		});
		if (changes.size > 0) this.opts.onChanges?.();
	}
}

/** The pass committed changes ask for: their subjects again; null when none is a subject. */
export function passOf(messages: readonly Changed[]): Pass | null {
	const pass = emptyPass();
	let any = false;
	for (const m of messages) {
		const kind = SUBJECT_OF[m.event];
		const id = (m.data as { id?: unknown } | null)?.id;
		if (!kind || typeof id !== 'string') continue;
		any = true;
		if (kind === 'shelter')
			pass.kinds.add('hazard'); // a moved or new shelter: every hazard
		else pass.ids[kind].add(id);
	}
	return any ? pass : null;
}

function emptyPass(): Pass {
	return {
		all: false,
		kinds: new Set(),
		ids: {
			sensor: new Set(),
			team: new Set(),
			incident: new Set(),
			hazard: new Set(),
			stock: new Set()
		},
		emergencies: new Map()
	};
}

function mergePass(into: Pass, p: Partial<Pass>): void {
	if (p.all) into.all = true;
	for (const k of p.kinds ?? []) into.kinds.add(k);
	if (p.ids)
		for (const k of Object.keys(p.ids) as SubjectKind[])
			for (const id of p.ids[k]) into.ids[k].add(id);
	for (const [k, v] of p.emergencies ?? []) into.emergencies.set(k, v);
}

const hasIds = (p: Pass) => Object.values(p.ids).some((s) => s.size > 0);

const isEmpty = (p: Pass) =>
	!p.all &&
	p.kinds.size === 0 &&
	p.emergencies.size === 0 &&
	Object.values(p.ids).every((s) => s.size === 0);
