/**
 * A drill's own equipment, stores and stock (issue #15), registered in its picture from the
 * running state's roster (ingest handlers/exercises.ts), like its teams and gauges: every row
 * carries the exercise id, so the drill's reset deletes it (exercise/delete.ts) and the picture
 * guard keeps it apart. A row of another picture with the same id is never taken over.
 *
 * Registration is sent again with every `running` state (a resume): the register's fields follow
 * the scenario, but what the drill changed since (a resource's status and position, the quantity
 * on hand) is kept. Each write names what it touched, so a wall in the drill's picture shows it
 * and the alarm engine weighs the stock against its minimum at once.
 */
import type { ExerciseResource, ExerciseStore } from '$lib/contracts';
import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { addChange, type ChangeSet } from '../../live/changes';
import { stockId } from './view';

export async function registerDrillResources(
	tx: Queryable,
	exercise: string,
	resources: ExerciseResource[],
	changes: ChangeSet
): Promise<void> {
	if (resources.length === 0) return;
	const rows = await bulk<{ id: string }>(
		tx,
		(r) => `insert into resource (id, kind_id, name, plate, agency, home_base, team_id, lat, lon,
			exercise)
		select id, kind, name, plate, agency, "homeBase", team, lat, lon, exercise
		from ${r} as x(id text, kind text, name text, plate text, agency text, "homeBase" text,
			team text, lat float8, lon float8, exercise text)
		on conflict (id) do update set kind_id = excluded.kind_id, name = excluded.name,
			plate = excluded.plate, agency = excluded.agency, home_base = excluded.home_base,
			team_id = excluded.team_id, updated_at = now()
		where resource.exercise = excluded.exercise
		returning resource.id`,
		resources.map((x) => ({
			id: x.id,
			kind: x.kind,
			name: x.name,
			plate: x.plate ?? null,
			agency: x.agency ?? null,
			homeBase: x.homeBase ?? null,
			team: x.team ?? null,
			lat: x.lat ?? null,
			lon: x.lon ?? null,
			exercise
		}))
	);
	for (const r of rows) addChange(changes, 'resource', r.id);
}

export async function registerDrillStores(
	tx: Queryable,
	exercise: string,
	stores: ExerciseStore[],
	changes: ChangeSet
): Promise<void> {
	if (stores.length === 0) return;
	await bulk(
		tx,
		(r) => `insert into store (id, name, agency, district, lat, lon, exercise)
		select id, name, agency, district, lat, lon, exercise
		from ${r} as x(id text, name text, agency text, district text, lat float8, lon float8,
			exercise text)
		on conflict (id) do update set name = excluded.name, agency = excluded.agency,
			district = excluded.district, lat = excluded.lat, lon = excluded.lon
		where store.exercise = excluded.exercise`,
		stores.map((s) => ({
			id: s.id,
			name: s.name,
			agency: s.agency ?? null,
			district: s.district ?? null,
			lat: s.lat ?? null,
			lon: s.lon ?? null,
			exercise
		}))
	);
	// Stock only in a store of this drill; the quantity only at first (then it is the drill's).
	const stock = await bulk<{ store_id: string; kind_id: string }>(
		tx,
		(r) => `insert into stock (store_id, kind_id, quantity, minimum, exercise)
		select x.store, x.kind, x.quantity, x.minimum, x.exercise
		from ${r} as x(store text, kind text, quantity float8, minimum float8, exercise text)
		where exists (select 1 from store s where s.id = x.store and s.exercise = x.exercise)
		on conflict (store_id, kind_id) do update set minimum = excluded.minimum, updated_at = now()
		where stock.exercise = excluded.exercise
		returning stock.store_id, stock.kind_id`,
		stores.flatMap((s) =>
			(s.stock ?? []).map((k) => ({
				store: s.id,
				kind: k.kind,
				quantity: k.quantity,
				minimum: k.minimum ?? null,
				exercise
			}))
		)
	);
	for (const s of stock) addChange(changes, 'stock', stockId(s.store_id, s.kind_id));
}
