/**
 * Pure merge of live events into the wall's view of the world. No Svelte, no DOM: the rune class
 * in live.svelte.ts wraps it, the unit tests feed it directly.
 *
 * Maps are copied on write, so a changed collection is a new Map and an unchanged one keeps its
 * identity (cheap change detection for `$state.raw` and for deck.gl's data diffing).
 */
import type {
	HazardView,
	IncidentView,
	LiveEvent,
	SensorView,
	ShelterView,
	Snapshot,
	TeamView
} from '$lib/live/types';

export interface LiveData {
	teams: ReadonlyMap<string, TeamView>;
	/** Not closed: `reported`, `open` and `contained`. Closed ones are dropped. */
	incidents: ReadonlyMap<string, IncidentView>;
	sensors: ReadonlyMap<string, SensorView>;
	hazards: ReadonlyMap<string, HazardView>;
	shelters: ReadonlyMap<string, ShelterView>;
}

export function emptyData(): LiveData {
	return {
		teams: new Map(),
		incidents: new Map(),
		sensors: new Map(),
		hazards: new Map(),
		shelters: new Map()
	};
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
	return new Map(rows.map((row) => [row.id, row]));
}

/** A snapshot replaces everything held. */
export function fromSnapshot(snapshot: Snapshot): LiveData {
	return {
		teams: byId(snapshot.teams),
		incidents: byId(snapshot.incidents.filter((i) => i.status !== 'closed')),
		sensors: byId(snapshot.sensors),
		hazards: byId(snapshot.hazards),
		shelters: byId(snapshot.shelters)
	};
}

function put<T>(map: ReadonlyMap<string, T>, id: string, row: T): Map<string, T> {
	const next = new Map(map);
	next.set(id, row);
	return next;
}

function remove<T>(map: ReadonlyMap<string, T>, id: string): ReadonlyMap<string, T> {
	if (!map.has(id)) return map;
	const next = new Map(map);
	next.delete(id);
	return next;
}

/** Milliseconds since the epoch, or null when absent or unparseable. */
function ms(ts: string | null): number | null {
	if (ts === null) return null;
	const t = Date.parse(ts);
	return Number.isNaN(t) ? null : t;
}

/** True when `next` is strictly older than `held` (both known). Unknown times never block. */
function isOlder(next: string | null, held: string | null): boolean {
	const n = ms(next);
	const h = ms(held);
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
			const team = event.data;
			return { ...data, teams: put(data.teams, team.id, mergeTeam(data.teams.get(team.id), team)) };
		}
		case 'incident': {
			const incident = event.data;
			const incidents =
				incident.status === 'closed'
					? remove(data.incidents, incident.id)
					: put(data.incidents, incident.id, incident);
			return incidents === data.incidents ? data : { ...data, incidents };
		}
		case 'sensor':
			return { ...data, sensors: put(data.sensors, event.data.id, event.data) };
		case 'hazard':
			return { ...data, hazards: put(data.hazards, event.data.id, event.data) };
		case 'shelter':
			return { ...data, shelters: put(data.shelters, event.data.id, event.data) };
	}
}
