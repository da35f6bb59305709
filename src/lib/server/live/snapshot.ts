import type { Snapshot } from '$lib/live/types';
import { readSettings } from '../settings/store';
import type { Database, Queryable } from '../db/types';
import { inScope, REAL, type Scope } from '../exercises/scope';
import { alertShown, alertView, logEntryView, verifiedEvents, shelterView } from './views';
import { jsonList as list } from '../entities/json';
import { readAlarms } from '../entities/alarm/read';
import { readHazards } from '../entities/hazard/read';
import {
	readRequests,
	readResourceKinds,
	readResources,
	readStock
} from '../entities/resource/read';
import { readIncidents } from '../entities/incident/read';
import { readSensors, readSeries } from '../entities/sensor/read';
import { readTeams, readTrails } from '../entities/team/read';

/**
 * The JSON reads of the picture that belong to no entity module (each entity's own are in
 * entities/<name>/read.ts), each for one scope (the real picture unless asked): the snapshot, the REST reads, the exports, the console and the sitrep all read through these, so none of them
 * can mix drill rows into the real picture. Shelters and settings belong to the EOC, not to a
 * picture: every scope shows them.
 */
export const reads = {
	shelters: (q: Queryable) =>
		list<Snapshot['shelters'][number]>(
			q,
			`select ${shelterView()} as v from shelter s order by s.name`,
			[]
		),
	events: (q: Queryable, limit = 50, scope: Scope = REAL) =>
		list<Snapshot['events'][number]>(
			q,
			`select ${logEntryView()} as v from log_entry l where ${verifiedEvents}
			and ${inScope('l.exercise', 1)}
			order by l.ts desc, l.id desc limit ${Number(limit)}`,
			[scope]
		),
	/** Alerts a wall shows now: most severe first, then newest. */
	alerts: (q: Queryable, scope: Scope = REAL) =>
		list<Snapshot['alerts'][number]>(
			q,
			`select ${alertView()} as v from alert a where ${alertShown()} and a.expires_at > now()
			and ${inScope('a.exercise', 1)}
			order by a.sent desc`,
			[scope]
		)
};

/**
 * The whole picture and the change id it is current to, read in one repeatable-read transaction
 * so that the deltas that follow (ids above it) apply on top without a gap or an overlap.
 */
export async function readSnapshot(
	db: Database,
	scope: Scope = REAL
): Promise<{ id: number; snapshot: Snapshot }> {
	return db.transaction(async (tx) => {
		await tx.query('set transaction isolation level repeatable read');
		const [row] = await tx.query<{ max: string | null }>('select max(id) as max from change');
		const snapshot: Snapshot = {
			teams: await readTeams(tx, scope),
			incidents: await readIncidents(tx, false, scope),
			sensors: await readSensors(tx, scope),
			hazards: await readHazards(tx, scope),
			shelters: await reads.shelters(tx),
			alerts: await reads.alerts(tx, scope),
			settings: await readSettings(tx),
			events: await reads.events(tx, 50, scope),
			alarms: await readAlarms(tx, scope),
			resources: await readResources(tx, scope),
			resourceKinds: await readResourceKinds(tx),
			stock: await readStock(tx, scope),
			requests: await readRequests(tx, scope),
			trails: await readTrails(tx, scope),
			series: await readSeries(tx, scope),
			asOf: new Date().toISOString()
		};
		return { id: Number(row?.max ?? 0), snapshot };
	});
}
