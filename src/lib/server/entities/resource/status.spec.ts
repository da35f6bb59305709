/**
 * The resource's field reports on the embedded database: each field by its own time, the picture
 * guard in SQL, and the list of status changes the request lifecycle is given.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedPgliteDir } from '../../../../../tests/helpers/pglite-template';
import { openPglite } from '../../db/pglite';
import type { Database } from '../../db/types';
import type { ChangeSet } from '../../live/changes';
import { writeResourceReports, type ResourceReport } from './status';

const at = (min: number) => new Date(Date.UTC(2026, 4, 7, 3, min));
const report = (id: string, min: number, fields: Partial<ResourceReport>): ResourceReport => ({
	id,
	ts: at(min),
	exercise: null,
	status: null,
	lat: null,
	lon: null,
	fuelPct: null,
	quantity: null,
	note: null,
	...fields
});

describe('a resource takes what the field reports, each field by its own time', () => {
	let db: Database;
	let dir: string;
	beforeAll(async () => {
		dir = await migratedPgliteDir();
		db = await openPglite(dir);
		await db.query(`insert into resource (id, kind_id, name, exercise, status) values
			('exc-1', 'excavator', 'E1', null, 'assigned'), ('exc-2', 'excavator', 'E2', null, 'assigned'),
			('exc-d', 'excavator', 'D', 'ex-1', 'available')`);
	}, 120_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const write = (reports: ResourceReport[]) =>
		db.transaction(async (tx) => {
			const changes: ChangeSet = new Map();
			const moves = await writeResourceReports(tx, reports, changes);
			return { moves, changed: [...(changes.get('resource') ?? [])].sort() };
		});
	const row = async (id: string) =>
		(
			await db.query<Record<string, unknown>>(
				`select status, lat, lon, fuel_pct, quantity, note from resource where id = $1`,
				[id]
			)
		)[0];

	it('takes the newest of each field in a batch, and names the status changes in id order', async () => {
		const { moves, changed } = await write([
			report('exc-2', 10, { status: 'en_route', fuelPct: 80 }),
			report('exc-1', 12, { status: 'on_scene', lat: 37.9, lon: 69.8 }),
			report('exc-1', 11, { status: 'en_route', fuelPct: 50, note: 'older, but the only note' }),
			report('exc-2', 9, { status: 'assigned', quantity: 3 })
		]);
		expect(await row('exc-1')).toEqual({
			status: 'on_scene',
			lat: 37.9,
			lon: 69.8,
			fuel_pct: 50,
			quantity: null,
			note: 'older, but the only note'
		});
		expect(await row('exc-2')).toMatchObject({ status: 'en_route', fuel_pct: 80, quantity: 3 });
		expect(moves).toEqual([
			{ id: 'exc-1', status: 'on_scene', ts: at(12), exercise: null, from: 'assigned' },
			{ id: 'exc-2', status: 'en_route', ts: at(10), exercise: null, from: 'assigned' }
		]);
		expect(changed).toEqual(['exc-1', 'exc-2']);
	});

	it('never moves a field back for a later batch of older reports, and names no change then', async () => {
		const { moves } = await write([
			report('exc-1', 5, { status: 'available', lat: 1, lon: 1, fuelPct: 99, note: 'old' }),
			report('exc-2', 11, { status: 'en_route', quantity: 7 })
		]);
		expect(await row('exc-1')).toMatchObject({
			status: 'on_scene',
			lat: 37.9,
			fuel_pct: 50,
			note: 'older, but the only note'
		});
		// Taken, but the same status as before: the quantity changed, the status did not.
		expect(await row('exc-2')).toMatchObject({ status: 'en_route', quantity: 7 });
		expect(moves).toEqual([]);
	});

	it('changes no resource of another picture (the SQL guard behind the batch check)', async () => {
		const { moves } = await write([
			report('exc-d', 20, { status: 'on_scene', lat: 37, lon: 69 }),
			report('exc-1', 20, { status: 'returning', exercise: 'ex-1' })
		]);
		expect(await row('exc-d')).toMatchObject({ status: 'available', lat: null });
		expect((await row('exc-1')).status).toBe('on_scene');
		expect(moves).toEqual([]);
	});
});
