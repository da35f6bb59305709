/**
 * Pure merge of live events into the wall's view of the world. No Svelte, no DOM: the rune class
 * in live.svelte.ts wraps it, the unit tests feed it directly.
 *
 * Collections are immutable chunked maps (chunked-map.ts): a change makes a new map that shares
 * every chunk it did not touch, and an unchanged collection keeps its identity (cheap change
 * detection for `$state.raw`; `changesSince` and the chunks let the boards and the map layers
 * redo only what one event changed, at 10,000 teams).
 */
import { parseTs } from '$lib/format';
import { DEFAULT_SETTINGS } from '$lib/live/settings';
import {
	type AlarmView,
	type AlertView,
	SERIES_BUCKET_MS,
	SERIES_MAX_POINTS,
	SERIES_WINDOW_MS,
	TRAIL_MAX_POINTS,
	TRAIL_WINDOW_MS,
	type HazardView,
	type IncidentView,
	type LiveEvent,
	type LogEntryView,
	type RequestView,
	type ResourceKindView,
	type ResourceView,
	type StockView,
	type SensorView,
	type SeriesPoint,
	type SettingsView,
	type ShelterView,
	type Snapshot,
	type TeamView,
	type TrailPoint
} from '$lib/live/types';
import { ChunkedMap } from './chunked-map';

/** Verified significant events the wall keeps (newest first). */
export const EVENTS_MAX = 50;

export interface LiveData {
	teams: ChunkedMap<TeamView>;
	/** Not closed: `reported`, `open` and `contained`. Closed ones are dropped. */
	incidents: ChunkedMap<IncidentView>;
	sensors: ChunkedMap<SensorView>;
	hazards: ChunkedMap<HazardView>;
	shelters: ChunkedMap<ShelterView>;
	/** CAP alerts shown on a wall (expiry is judged by the clock where they are drawn). */
	alerts: ChunkedMap<AlertView>;
	/** Alarms not cleared (a cleared one is dropped). */
	alarms: ChunkedMap<AlarmView>;
	/** The register's equipment, the kinds, supplies per store, requests (open and recent). */
	resources: ChunkedMap<ResourceView>;
	resourceKinds: ChunkedMap<ResourceKindView>;
	stock: ChunkedMap<StockView>;
	requests: ChunkedMap<RequestView>;
	settings: SettingsView;
	/** Newest first, at most EVENTS_MAX. */
	events: readonly LogEntryView[];
	/** Per team: positions of the last 30 minutes, oldest first, at most TRAIL_MAX_POINTS. */
	trails: ChunkedMap<readonly TrailPoint[]>;
	/** Per sensor: the last 6 hours as [bucket start, max], oldest first. */
	series: ChunkedMap<readonly SeriesPoint[]>;
}

export function emptyData(): LiveData {
	return {
		teams: ChunkedMap.empty(),
		incidents: ChunkedMap.empty(),
		sensors: ChunkedMap.empty(),
		hazards: ChunkedMap.empty(),
		shelters: ChunkedMap.empty(),
		alerts: ChunkedMap.empty(),
		alarms: ChunkedMap.empty(),
		resources: ChunkedMap.empty(),
		resourceKinds: ChunkedMap.empty(),
		stock: ChunkedMap.empty(),
		requests: ChunkedMap.empty(),
		settings: DEFAULT_SETTINGS,
		events: [],
		trails: ChunkedMap.empty(),
		series: ChunkedMap.empty()
	};
}

function byId<T extends { id: string }>(rows: readonly T[]): ChunkedMap<T> {
	return ChunkedMap.from(rows.map((row) => [row.id, row] as const));
}

/** A snapshot replaces everything held. */
export function fromSnapshot(snapshot: Snapshot): LiveData {
	return {
		teams: byId(snapshot.teams),
		incidents: byId(snapshot.incidents.filter((i) => i.status !== 'closed')),
		sensors: byId(snapshot.sensors),
		hazards: byId(snapshot.hazards),
		shelters: byId(snapshot.shelters),
		alerts: byId((snapshot.alerts ?? []).filter((a) => a.shown)),
		alarms: byId((snapshot.alarms ?? []).filter((a) => a.clearedAt === null)),
		resources: byId(snapshot.resources ?? []),
		resourceKinds: byId(snapshot.resourceKinds ?? []),
		stock: byId(snapshot.stock ?? []),
		requests: byId(snapshot.requests ?? []),
		settings: snapshot.settings,
		events: snapshot.events.slice(0, EVENTS_MAX),
		trails: ChunkedMap.from(Object.entries(snapshot.trails)),
		series: ChunkedMap.from(Object.entries(snapshot.series))
	};
}

/** Adds a position to a trail: in time order, no duplicates, bounded by age and by count. */
export function appendTrail(trail: readonly TrailPoint[], p: TrailPoint): readonly TrailPoint[] {
	const last = trail.at(-1);
	if (last && p[2] <= last[2]) return trail; // late or repeated: the trail only moves forward
	const from = p[2] - TRAIL_WINDOW_MS;
	let start = 0;
	while (start < trail.length && trail[start][2] < from) start++;
	start = Math.max(start, trail.length + 1 - TRAIL_MAX_POINTS);
	const next = trail.slice(start);
	next.push(p);
	return next;
}

/** Adds a reading to a series: the maximum per bucket, bounded to the last 6 hours. */
export function appendSeries(
	series: readonly SeriesPoint[],
	at: number,
	value: number
): readonly SeriesPoint[] {
	const bucket = Math.floor(at / SERIES_BUCKET_MS) * SERIES_BUCKET_MS;
	const last = series.at(-1);
	if (last && bucket < last[0]) return series; // older than what is held: the sparkline moves forward
	if (last && bucket === last[0]) {
		if (value <= last[1]) return series;
		const next = series.slice();
		next[next.length - 1] = [bucket, value];
		return next;
	}
	const from = bucket - SERIES_WINDOW_MS;
	let start = 0;
	while (start < series.length && series[start][0] < from) start++;
	start = Math.max(start, series.length + 1 - SERIES_MAX_POINTS);
	const next = series.slice(start);
	next.push([bucket, value]);
	return next;
}

function withTrail(data: LiveData, held: TeamView | undefined, team: TeamView): LiveData['trails'] {
	const at = parseTs(team.positionTs);
	if (team.lat === null || team.lon === null || at === null) return data.trails;
	if (held && held.positionTs === team.positionTs) return data.trails;
	const trail = data.trails.get(team.id) ?? [];
	const next = appendTrail(trail, [team.lon, team.lat, at]);
	return data.trails.with(team.id, next);
}

function withSeries(data: LiveData, sensor: SensorView): LiveData['series'] {
	const at = parseTs(sensor.lastTs);
	if (sensor.lastValue === null || at === null) return data.series;
	const series = data.series.get(sensor.id) ?? [];
	const next = appendSeries(series, at, sensor.lastValue);
	return data.series.with(sensor.id, next);
}

function withEvent(events: readonly LogEntryView[], entry: LogEntryView): readonly LogEntryView[] {
	const rest = events.filter((e) => e.id !== entry.id);
	const i = rest.findIndex((e) => e.ts < entry.ts);
	const next = i < 0 ? [...rest, entry] : [...rest.slice(0, i), entry, ...rest.slice(i)];
	return next.slice(0, EVENTS_MAX);
}

/** True when `next` is strictly older than `held` (both known). Unknown times never block. */
function isOlder(next: string | null, held: string | null): boolean {
	const n = parseTs(next);
	const h = parseTs(held);
	return n !== null && h !== null && n < h;
}

/**
 * Merge a team delta into the held team. The server already places a position or status by its
 * own `ts`; this is defence in depth so that a late message never moves a team back on the wall.
 * Battery travels with the position message, so it is kept with the position.
 */
export function mergeTeam(held: TeamView | undefined, next: TeamView): TeamView {
	if (!held) return next;
	let merged = next;
	if (isOlder(next.positionTs, held.positionTs)) {
		merged = {
			...merged,
			lat: held.lat,
			lon: held.lon,
			positionTs: held.positionTs,
			headingDeg: held.headingDeg,
			speedMps: held.speedMps,
			batteryPct: held.batteryPct
		};
	}
	if (isOlder(next.statusTs, held.statusTs)) {
		merged = {
			...merged,
			status: held.status,
			statusTs: held.statusTs,
			incidentId: held.incidentId,
			personnel: held.personnel
		};
	}
	return merged;
}

/** Apply one event; returns a new LiveData sharing every collection the event did not touch. */
export function applyEvent(data: LiveData, event: LiveEvent): LiveData {
	switch (event.type) {
		case 'snapshot':
			return fromSnapshot(event.data);
		case 'team': {
			const held = data.teams.get(event.data.id);
			const team = mergeTeam(held, event.data);
			return {
				...data,
				teams: data.teams.with(team.id, team),
				trails: withTrail(data, held, team)
			};
		}
		case 'incident': {
			const incident = event.data;
			const incidents =
				incident.status === 'closed'
					? data.incidents.without(incident.id)
					: data.incidents.with(incident.id, incident);
			return incidents === data.incidents ? data : { ...data, incidents };
		}
		case 'sensor':
			return {
				...data,
				sensors: data.sensors.with(event.data.id, event.data),
				series: withSeries(data, event.data)
			};
		case 'hazard':
			return { ...data, hazards: data.hazards.with(event.data.id, event.data) };
		case 'shelter':
			return { ...data, shelters: data.shelters.with(event.data.id, event.data) };
		case 'settings':
			return { ...data, settings: event.data };
		case 'logEntry':
			return { ...data, events: withEvent(data.events, event.data) };
		case 'alert': {
			// A replaced, cancelled or not-real alert leaves the wall.
			const a = event.data;
			const alerts = a.shown ? data.alerts.with(a.id, a) : data.alerts.without(a.id);
			return alerts === data.alerts ? data : { ...data, alerts };
		}
		case 'alarm': {
			// Added or replaced by id; a cleared alarm leaves the wall.
			const a = event.data;
			const alarms = a.clearedAt ? data.alarms.without(a.id) : data.alarms.with(a.id, a);
			return alarms === data.alarms ? data : { ...data, alarms };
		}
		case 'resource':
			return { ...data, resources: data.resources.with(event.data.id, event.data) };
		case 'resourceKind':
			return { ...data, resourceKinds: data.resourceKinds.with(event.data.id, event.data) };
		case 'stock':
			return { ...data, stock: data.stock.with(event.data.id, event.data) };
		case 'request':
			return { ...data, requests: data.requests.with(event.data.id, event.data) };
		case 'removed': {
			const { kind, id } = event.data;
			if (kind === 'resource') return { ...data, resources: data.resources.without(id) };
			if (kind === 'resourceKind')
				return { ...data, resourceKinds: data.resourceKinds.without(id) };
			return data;
		}
		case 'exercise':
			return event.data.status === 'reset' ? withoutExercise(data, event.data.id) : data;
		case 'outbox':
			return data; // the consoles' progress, not the wall's picture
	}
}

/** Every row of a reset exercise dropped (the EOC deleted them), with its trails and series. */
export function withoutExercise(data: LiveData, exerciseId: string): LiveData {
	const keep = <T extends { exercise: string | null }>(map: ChunkedMap<T>) =>
		ChunkedMap.from([...map].filter(([, row]) => row.exercise !== exerciseId));
	const teams = keep(data.teams);
	const sensors = keep(data.sensors);
	return {
		...data,
		teams,
		incidents: keep(data.incidents),
		sensors,
		hazards: keep(data.hazards),
		alarms: keep(data.alarms),
		resources: keep(data.resources),
		stock: keep(data.stock),
		requests: keep(data.requests),
		events: data.events.filter((e) => e.exercise !== exerciseId),
		trails: ChunkedMap.from(
			[...data.trails].filter(([id]) => teams.has(id) || !data.teams.has(id))
		),
		series: ChunkedMap.from(
			[...data.series].filter(([id]) => sensors.has(id) || !data.sensors.has(id))
		)
	};
}
