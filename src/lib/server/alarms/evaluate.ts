import type { AlarmRuleSpec } from '$lib/contracts/alarm-rule';
import { reaches, type Target } from './geometry';

/**
 * Pure evaluation of one rule for one subject: no database, no clock of its own (`at` is given).
 * The engine (engine.ts) loads the subjects and the alarms already raised, asks here, and writes
 * what changed. Each test answers `fire` (with what was seen), `clear`, or `hold` (leave the
 * alarm as it is: raised stays raised, none stays none — a gauge inside its hysteresis band).
 */
export type Decision =
	{ fire: true; detail: Record<string, unknown> } | { fire: false; clear: boolean };

export const HOLD: Decision = { fire: false, clear: false };
export const CLEAR: Decision = { fire: false, clear: true };
const fire = (detail: Record<string, unknown>): Decision => ({ fire: true, detail });

type Params<K extends AlarmRuleSpec['kind']> = Extract<AlarmRuleSpec, { kind: K }>['params'];

export interface SensorState {
	id: string;
	value: number | null;
	warning: number | null;
	danger: number | null;
	unit: string | null;
	exercise: string | null;
}

/**
 * A gauge at or above its line fires; once raised it clears only below line − hysteresis, so a
 * river hovering at the line does not raise and clear an alarm with every reading.
 */
export function gaugeLevel(p: Params<'gauge_level'>, s: SensorState, raised: boolean): Decision {
	if (p.sensor !== null && p.sensor !== s.id) return CLEAR;
	const line = typeof p.threshold === 'number' ? p.threshold : s[p.threshold];
	if (line === null || s.value === null) return raised ? CLEAR : HOLD;
	if (s.value >= line)
		return fire({ value: s.value, threshold: line, unit: s.unit, hysteresis: p.hysteresis });
	if (!raised) return HOLD;
	return s.value < line - p.hysteresis ? CLEAR : HOLD;
}

/** Readings of one gauge within the rule's window, oldest first: [epoch ms, value]. */
export type Readings = readonly (readonly [number, number])[];

/** The rise per hour between the first and the last reading of the window (null: too few). */
export function risePerHour(readings: Readings): number | null {
	if (readings.length < 2) return null;
	const [t0, v0] = readings[0];
	const [t1, v1] = readings[readings.length - 1];
	const hours = (t1 - t0) / 3_600_000;
	if (hours < 1 / 60) return null; // under a minute apart: no rate worth the name
	return (v1 - v0) / hours;
}

export function gaugeRate(p: Params<'gauge_rate'>, s: SensorState, readings: Readings): Decision {
	if (p.sensor !== null && p.sensor !== s.id) return CLEAR;
	const rate = risePerHour(readings);
	if (rate === null) return HOLD;
	if (rate >= p.risePerHour)
		return fire({
			risePerHour: round(rate),
			limit: p.risePerHour,
			unit: s.unit,
			windowMinutes: p.windowMinutes
		});
	return CLEAR;
}

export interface TeamState {
	id: string;
	status: string | null;
	/** Epoch ms of the newest position or status; null when it never reported. */
	lastHeard: number | null;
	exercise: string | null;
}

/** A team not heard for longer than the limit. A team out of service is not expected to report. */
export function teamSilent(p: Params<'team_silent'>, t: TeamState, at: number): Decision {
	if (t.lastHeard === null || t.status === 'out_of_service') return CLEAR;
	const minutes = (at - t.lastHeard) / 60_000;
	if (minutes > p.afterMinutes)
		return fire({
			silentMinutes: Math.floor(minutes),
			lastHeard: new Date(t.lastHeard).toISOString(),
			limitMinutes: p.afterMinutes
		});
	return CLEAR;
}

export interface IncidentState {
	id: string;
	severity: number;
	status: string;
	reportedAt: number;
	assigned: boolean;
	exercise: string | null;
}

/** An open incident of at least the severity, with no team assigned for longer than the limit. */
export function incidentUnassigned(
	p: Params<'incident_unassigned'>,
	i: IncidentState,
	at: number
): Decision {
	if (i.status === 'closed' || i.severity < p.minSeverity || i.assigned) return CLEAR;
	const minutes = (at - i.reportedAt) / 60_000;
	if (minutes > p.afterMinutes)
		return fire({
			severity: i.severity,
			unassignedMinutes: Math.floor(minutes),
			limitMinutes: p.afterMinutes
		});
	return CLEAR;
}

/** A field report (status `reported`) waiting for an operator longer than the limit. */
export function reportWaiting(p: Params<'report_waiting'>, i: IncidentState, at: number): Decision {
	if (i.status !== 'reported') return CLEAR;
	const minutes = (at - i.reportedAt) / 60_000;
	if (minutes > p.afterMinutes)
		return fire({ waitingMinutes: Math.floor(minutes), limitMinutes: p.afterMinutes });
	return CLEAR;
}

export interface HazardState {
	id: string;
	kind: string;
	geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
	exercise: string | null;
}

/** A hazard extent within the buffer of any target of the kinds the rule names. */
export function hazardReaches(
	p: Params<'hazard_reaches'>,
	h: HazardState,
	targets: readonly Target[]
): Decision {
	const wanted = targets.filter((t) => p.targets.includes(t.kind));
	const hits = reaches(h.geometry, wanted, p.bufferM);
	if (hits.length === 0) return CLEAR;
	const first = hits[0];
	return fire({
		hazardKind: h.kind,
		name: `${h.kind}: ${hits.map((x) => x.name).join(', ')}`.slice(0, 200),
		lat: first.lat,
		lon: first.lon,
		reached: hits
			.slice(0, 20)
			.map((x) => ({ kind: x.kind, id: x.id, name: x.name, distanceM: x.distanceM }))
	});
}

export interface StockState {
	/** `{storeId}:{kindId}`, as the stock's view and the change log name it. */
	id: string;
	storeId: string;
	kindId: string;
	quantity: number;
	minimum: number | null;
	unit: string | null;
	exercise: string | null;
}

/**
 * A supply in a store below its minimum fires; at or above it (or with no minimum any more) it
 * clears. A rule naming a kind or a store leaves the others alone.
 */
export function stockBelow(p: Params<'stock_below'>, s: StockState): Decision {
	if (p.resourceKind !== null && p.resourceKind !== s.kindId) return CLEAR;
	if (p.store !== null && p.store !== s.storeId) return CLEAR;
	if (s.minimum === null || !(s.quantity < s.minimum)) return CLEAR;
	return fire({
		quantity: s.quantity,
		minimum: s.minimum,
		unit: s.unit,
		store: s.storeId,
		kind: s.kindId
	});
}

const round = (n: number) => Math.round(n * 100) / 100;
