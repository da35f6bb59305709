/**
 * The simulated actors: teams that drive routes at their speed and report position and status,
 * and gauges that read their rise curve with seeded noise. Each actor plans what it will publish
 * as actions on the drill's queue; the drill runs them as the scenario clock passes their time.
 */
import { topics } from '../../src/lib/contracts';
import type { ResourceSpec, SensorSpec, TeamSpec } from '../scenario/schema';
import { fixesAlong, type Fix, type LatLon } from './geo';
import type { Action } from './queue';
import { stream } from './random';

/** How an actor publishes: topic, body (without msgId, ts, exercise), scenario time. */
export type Send = (topic: string, body: Record<string, unknown>, sec: number) => Promise<unknown>;

/** Value of a piecewise-linear curve at `sec` (flat before the first and after the last point). */
export function curveAt(curve: [number, number][], sec: number): number {
	if (sec <= curve[0][0]) return curve[0][1];
	for (let i = 1; i < curve.length; i++) {
		const [t1, v1] = curve[i];
		if (sec <= t1) {
			const [t0, v0] = curve[i - 1];
			return v0 + ((v1 - v0) * (sec - t0)) / (t1 - t0);
		}
	}
	return curve[curve.length - 1][1];
}

export class SensorActor {
	readonly #random: () => number;

	constructor(
		readonly spec: SensorSpec,
		seed: string | number
	) {
		this.#random = stream(seed, `sensor:${spec.id}`);
	}

	/** The reading at `sec`: the curve, with noise, rounded, never under `min`. */
	valueAt(sec: number): number {
		const s = this.spec;
		const base = curveAt(s.curve, sec);
		const noisy = base * (1 + s.noise * (2 * this.#random() - 1));
		const f = 10 ** s.decimals;
		const v = Math.round(noisy * f) / f;
		return s.min === undefined ? v : Math.max(s.min, v);
	}

	body(value: number): Record<string, unknown> {
		return { kind: this.spec.kind, value, ...(this.spec.unit ? { unit: this.spec.unit } : {}) };
	}

	/** The reading due at `sec`; it schedules the next one (one pending action per gauge). */
	reading(sec: number, until: number, send: Send, schedule: (a: Action) => void): Action {
		return {
			sec,
			run: async () => {
				await send(topics.sensorReading(this.spec.id), this.body(this.valueAt(sec)), sec);
				const next = sec + this.spec.everySec;
				if (next <= until) schedule(this.reading(next, until, send, schedule));
			}
		};
	}
}

export interface Order {
	status: string;
	note?: string;
	/** The incident the team works on (kept from the last order when not given). */
	incidentId?: string;
	route?: LatLon[];
	/** Status reported on arrival. */
	arrive?: string;
	departAfterSec?: number;
}

/**
 * Something that drives routes at its speed (a team, a piece of equipment): a new order sends its
 * status at once and, along its route, a fix every so often; on arrival the arrival status. An
 * order supersedes the last one: fixes of a superseded move are dropped when their time comes.
 */
abstract class Mover<S extends MoverSpec> {
	position: LatLon;
	status = 'available';
	#order = 0;
	protected readonly random: () => number;

	/** `kind` names its random stream (`team:{id}`), so each actor draws its own numbers. */
	constructor(
		readonly spec: S,
		kind: string,
		seed: string | number,
		protected readonly send: Send,
		private readonly schedule: (a: Action) => void
	) {
		this.random = stream(seed, `${kind}:${spec.id}`);
		this.position = { lat: spec.home.lat, lon: spec.home.lon };
	}

	protected abstract sendStatus(sec: number, note?: string): Promise<unknown>;
	/** A fix along the route (the position already moved to it). */
	protected abstract sendFix(at: number, fix: Fix, speed: number, last: boolean): Promise<unknown>;

	/** A new order at `sec`: the status goes out now; a route is driven from where it is. */
	order(sec: number, o: Order): Promise<unknown> {
		const order = ++this.#order;
		this.status = o.status;
		const route = o.route ?? [];
		if (route.length > 0) {
			const start = sec + (o.departAfterSec ?? 0);
			this.schedule({
				sec: start,
				run: async () => {
					if (order === this.#order) this.#drive(order, start, route, o.arrive ?? 'on_scene');
				}
			});
		}
		return this.sendStatus(sec, o.note);
	}

	/** Plans the fixes from where it is now, at its speed (±10 %, seeded). */
	#drive(order: number, start: number, route: LatLon[], arrive: string): void {
		const speed = this.spec.speedMps * (0.9 + 0.2 * this.random());
		const plan = fixesAlong([{ ...this.position }, ...route], speed, this.spec.reportEverySec);
		plan.forEach((fix, i) => {
			const last = i === plan.length - 1;
			const at = start + fix.tSec;
			this.schedule({
				sec: at,
				run: async () => {
					if (order !== this.#order) return;
					this.position = { lat: fix.lat, lon: fix.lon };
					await this.sendFix(at, fix, speed, last);
					if (last) {
						this.status = arrive;
						await this.sendStatus(at);
					}
				}
			});
		});
	}

	/** At the drill's start: at its base, available. */
	appear(sec: number): Promise<unknown> {
		return this.sendStatus(sec, this.spec.home.name);
	}
}

/** What a mover needs of its scenario entry. */
interface MoverSpec {
	id: string;
	home: LatLon & { name: string };
	speedMps: number;
	reportEverySec: number;
}

export class TeamActor extends Mover<TeamSpec> {
	incidentId: string | undefined;
	battery: number;

	constructor(spec: TeamSpec, seed: string | number, send: Send, schedule: (a: Action) => void) {
		super(spec, 'team', seed, send, schedule);
		this.battery = Math.round(80 + 20 * this.random());
	}

	#statusBody(note?: string): Record<string, unknown> {
		return {
			status: this.status,
			...(this.incidentId ? { incidentId: this.incidentId } : {}),
			lat: this.position.lat,
			lon: this.position.lon,
			personnel: this.spec.personnel,
			...(note ? { note } : {})
		};
	}

	protected sendStatus(sec: number, note?: string) {
		return this.send(topics.status(this.spec.id), this.#statusBody(note), sec);
	}

	protected sendFix(at: number, fix: Fix, speed: number, last: boolean) {
		this.battery = Math.max(5, this.battery - 0.1);
		return this.send(
			topics.position(this.spec.id),
			{
				lat: fix.lat,
				lon: fix.lon,
				speedMps: last ? 0 : Math.round(speed * 10) / 10,
				headingDeg: (Math.round(fix.headingDeg * 10) / 10) % 360,
				batteryPct: Math.round(this.battery)
			},
			at
		);
	}

	/** A new order; the incident it names is kept for the statuses that follow. */
	order(sec: number, o: Order): Promise<unknown> {
		if (o.incidentId !== undefined) this.incidentId = o.incidentId;
		return super.order(sec, o);
	}
}

/**
 * A piece of equipment of the drill: its status and position over
 * `eoc/v1/resources/{id}/status` (a vehicle tracker's report), a fix along a route as a position.
 */
export class ResourceActor extends Mover<ResourceSpec> {
	constructor(
		spec: ResourceSpec,
		seed: string | number,
		send: Send,
		schedule: (a: Action) => void
	) {
		super(spec, 'resource', seed, send, schedule);
	}

	protected sendStatus(sec: number, note?: string) {
		return this.send(
			topics.resourceStatus(this.spec.id),
			{
				status: this.status,
				lat: this.position.lat,
				lon: this.position.lon,
				...(note ? { note } : {})
			},
			sec
		);
	}

	protected sendFix(at: number, fix: Fix) {
		return this.send(topics.resourceStatus(this.spec.id), { lat: fix.lat, lon: fix.lon }, at);
	}
}
