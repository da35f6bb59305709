/** What the wall's boards show, derived from the live state. Pure, so it is unit-tested. */
import type { IncidentView, TeamStatus, TeamView } from '$lib/live/types';
import { isVerified } from '$lib/live/totals';
import { compareText } from '$lib/format';
import { isTeamStale, lastReportMs } from '../state/stale';
import type { Place } from './places';
import type { ChunkedMap } from '../state/chunked-map';
import { objectSlot, perChunk } from '../state/per-chunk';
import type { LiveData } from '../state/reduce';

const STATUS_ORDER: Record<TeamStatus, number> = {
	on_scene: 0,
	en_route: 1,
	returning: 2,
	available: 3,
	out_of_service: 4
};

function teamRank(t: TeamView, now: number, staleAfterMin: number): number {
	return isTeamStale(t, now, staleAfterMin * 60_000) ? 10 : t.status ? STATUS_ORDER[t.status] : 5;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The roster's order: working teams first, stale ones last, then by callsign, then by id. */
export function compareTeams(a: TeamView, b: TeamView, now: number, staleAfterMin: number): number {
	return (
		teamRank(a, now, staleAfterMin) - teamRank(b, now, staleAfterMin) ||
		compareText(a.callsign, b.callsign) ||
		byId(a, b)
	);
}

/**
 * Working teams first, stale ones last (they need a call, not a glance), then by callsign. The
 * wall keeps this order per update (roster.ts); this sorts from scratch.
 */
export function sortTeams(
	teams: Iterable<TeamView>,
	now: number,
	staleAfterMin: number
): TeamView[] {
	// Each key once per team, not once per comparison.
	return Array.from(teams, (t) => ({ t, r: teamRank(t, now, staleAfterMin) }))
		.sort((a, b) => a.r - b.r || compareText(a.t.callsign, b.t.callsign) || byId(a.t, b.t))
		.map((k) => k.t);
}

export type TeamCounts = Record<TeamStatus | 'stale', number>;

/** The roster's summary line: a stale team counts as stale, not as its last known status. */
export function teamCounts(
	teams: Iterable<TeamView>,
	now: number,
	staleAfterMin: number
): TeamCounts {
	const c: TeamCounts = {
		available: 0,
		en_route: 0,
		on_scene: 0,
		returning: 0,
		out_of_service: 0,
		stale: 0
	};
	for (const t of teams) {
		if (isTeamStale(t, now, staleAfterMin * 60_000)) c.stale++;
		else if (t.status) c[t.status]++;
	}
	return c;
}

const reportedMs = new WeakMap<IncidentView, number>();
function reportedAt(i: IncidentView): number {
	let at = reportedMs.get(i);
	if (at === undefined) reportedMs.set(i, (at = Date.parse(i.reportedAt)));
	return at;
}

/** The incidents board's order: most severe first, then the newest, then by id. */
export function compareIncidents(a: IncidentView, b: IncidentView): number {
	return b.severity - a.severity || reportedAt(b) - reportedAt(a) || byId(a, b);
}

/**
 * Verified incidents, most severe first. The wall keeps this order per update (sorted.ts); this
 * sorts from scratch.
 */
export function verifiedIncidents(incidents: Iterable<IncidentView>): IncidentView[] {
	return Array.from(incidents).filter(isVerified).sort(compareIncidents);
}

export function awaitingVerification(incidents: Iterable<IncidentView>): number {
	let n = 0;
	for (const i of incidents) if (i.status === 'reported') n++;
	return n;
}

type Marked = { exercise?: string | null; demo?: boolean };
interface Marks {
	exercises: readonly string[];
	demo: boolean;
}

/** Exercise ids and the demo mark of some rows; remembered per chunk of a live collection. */
function marksOf(rows: readonly Marked[]): Marks {
	const exercises = new Set<string>();
	let demo = false;
	for (const row of rows) {
		if (row.exercise) exercises.add(row.exercise);
		if (row.demo) demo = true;
	}
	return { exercises: [...exercises], demo };
}
const marksPerChunk = perChunk(marksOf);
const marksPerCollection = objectSlot<Marks>();

/** A collection's marks: from its chunks' (a live update redoes one chunk), once per version. */
function collectionMarks(c: ChunkedMap<Marked>): Marks {
	let marks = marksPerCollection.get(c);
	if (!marks) {
		const parts = marksPerChunk(c);
		marks = {
			exercises: [...new Set(parts.flatMap((p) => p.exercises))],
			demo: parts.some((p) => p.demo)
		};
		marksPerCollection.set(c, marks);
	}
	return marks;
}

function allMarks(data: Omit<LiveData, 'trails' | 'series' | 'settings'>): Marks[] {
	const collections = [
		data.teams,
		data.incidents,
		data.sensors,
		data.hazards,
		data.shelters,
		data.alerts
	] as ChunkedMap<Marked>[];
	return [...collections.map(collectionMarks), marksOf(data.events)];
}

/** Exercise ids present in the data: any one means the EXERCISE banner. */
export function exerciseIds(data: Omit<LiveData, 'trails' | 'series' | 'settings'>): string[] {
	return [...new Set(allMarks(data).flatMap((m) => m.exercises))].sort();
}

export function hasDemo(data: Omit<LiveData, 'trails' | 'series' | 'settings'>): boolean {
	return allMarks(data).some((m) => m.demo);
}

/** Age of a team's last report in ms, or null when it never reported. */
export function teamAge(team: TeamView, now: number): number | null {
	const last = lastReportMs(team);
	return last === null ? null : now - last;
}

export type GaugeLevel = 'normal' | 'warning' | 'danger';

/** A reading against its thresholds; at a threshold counts as over it. No reading is normal. */
export function gaugeLevel(
	value: number | null,
	warning: number | null,
	danger: number | null
): GaugeLevel {
	if (value === null || !Number.isFinite(value)) return 'normal';
	if (danger !== null && value >= danger) return 'danger';
	if (warning !== null && value >= warning) return 'warning';
	return 'normal';
}

export type ShelterLevel = 'ok' | 'filling' | 'full';

/** Occupied share of a shelter; filling from 75 %, full from 95 % (time to open the next one). */
export function shelterLevel(occupancy: number, capacity: number): ShelterLevel {
	if (capacity <= 0) return occupancy > 0 ? 'full' : 'ok';
	const share = occupancy / capacity;
	return share >= 0.95 ? 'full' : share >= 0.75 ? 'filling' : 'ok';
}

const ARROWS = ['↑', '↗', '→', '↘', '↓', '↙', '←', '↖'] as const;
const EARTH_RADIUS_KM = 6371;
/** Closer than this to a place's centre, the incident is simply "in" it. */
const IN_PLACE_KM = 1.5;

export interface NearPlace {
	place: Place;
	/** Whole kilometres from the place's centre; 0 means in the place. */
	km: number;
	/** Direction from the place to the point, as an arrow that needs no translation. */
	arrow: string;
}

/** The nearest known settlement, its distance and direction (haversine, great-circle bearing). */
export function nearestPlace(lat: number, lon: number, places: readonly Place[]): NearPlace | null {
	let best: NearPlace | null = null;
	let bestKm = Infinity;
	for (const place of places) {
		const rad = Math.PI / 180;
		const φ1 = place.lat * rad;
		const φ2 = lat * rad;
		const Δφ = φ2 - φ1;
		const Δλ = (lon - place.lon) * rad;
		const a = Math.sin(Δφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(Δλ / 2) ** 2;
		const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
		if (km >= bestKm) continue;
		bestKm = km;
		const y = Math.sin(Δλ) * Math.cos(φ2);
		const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
		const bearing = (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
		best = {
			place,
			km: km < IN_PLACE_KM ? 0 : Math.round(km),
			arrow: ARROWS[Math.round(bearing / 45) % 8]
		};
	}
	return best;
}

export interface Fit {
	shown: number;
	/** Rows left out, told as "+N more" in the last line instead of scrolling. */
	more: number;
}

/**
 * How many rows of `rowPx` fit in `heightPx`. When not all fit, a line of `morePx` at the bottom
 * says "+N more" instead of scrolling.
 */
export function fitRows(count: number, heightPx: number, rowPx: number, morePx = rowPx): Fit {
	if (rowPx <= 0 || !Number.isFinite(heightPx)) return { shown: count, more: 0 };
	// A hair of slack: layout heights are fractional at 4K and after zoom.
	if (count * rowPx <= heightPx + 0.5) return { shown: count, more: 0 };
	const shown = Math.max(0, Math.floor((heightPx - morePx + 0.5) / rowPx));
	return { shown, more: count - shown };
}

/** A sparkline's value range: the readings and both thresholds in view, with a little room. */
export function sparkRange(
	values: readonly number[],
	warning: number | null,
	danger: number | null
): [number, number] {
	const all = [...values, warning, danger].filter(
		(v): v is number => v !== null && Number.isFinite(v)
	);
	if (!all.length) return [0, 1];
	const lo = Math.min(...all);
	const hi = Math.max(...all);
	const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
	return [lo - pad, hi + pad];
}

const LEVEL_RANK: Record<GaugeLevel, number> = { danger: 0, warning: 1, normal: 2 };

/** Gauges over a threshold first (they are why anyone looks), then by name. */
export function sortGauges<
	T extends {
		name: string;
		lastValue: number | null;
		warning: number | null;
		danger: number | null;
	}
>(sensors: Iterable<T>): T[] {
	const level = (s: T) => LEVEL_RANK[gaugeLevel(s.lastValue, s.warning, s.danger)];
	return [...sensors].sort((a, b) => level(a) - level(b) || compareText(a.name, b.name));
}
