/**
 * The picture guard outside the ingest, on the embedded database: an operator's action on an
 * incident of another picture than the one they work in is refused and changes nothing, and the
 * device registry never maps a device (whose traffic is real) to a drill's team.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedPgliteDir } from '../../../../tests/helpers/pglite-template';
import { openPglite } from '../db/pglite';
import type { Database } from '../db/types';
import { mapDevice } from '../devices/registry';
import { acknowledgeIncident, ConsoleError, updateIncident } from './incidents';
import { editIncidentSchema } from './incident-forms';

const actor = { name: 'Op', audit: 'user:op', address: null };
const edit = editIncidentSchema.parse({
	title: 'Closed by someone',
	description: '',
	severity: '1',
	status: 'closed',
	dead: '0',
	injured: '0',
	missing: '0',
	trapped: '0',
	people: '0',
	households: '0',
	note: ''
});

describe('the picture guard in the console and the device registry', () => {
	let db: Database;
	let dir: string;
	beforeAll(async () => {
		dir = await migratedPgliteDir();
		db = await openPglite(dir);
		for (const [id, exercise] of [
			['real-inc', null],
			['drill-inc', 'x']
		])
			await db.query(
				`insert into incident (id, type, severity, status, title, lat, lon, casualties, affected,
					reported_at, updated_ts, exercise)
				values ($1, 'flood', 3, 'open', 'T', 37.9, 69.8, '{}', '{}', now(), now(), $2)`,
				[id, exercise]
			);
		await db.query(`insert into team (id, callsign, exercise) values ('real-team', 'R', null),
			('drill-team', 'D', 'x')`);
		await db.query(`insert into device (id, kind) values ('owntracks:a/b', 'owntracks')`);
	}, 120_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const refusal = (p: Promise<unknown>) =>
		p.then(
			() => null,
			(e) => (e instanceof ConsoleError ? `${e.status} ${e.problem}` : String(e))
		);
	const incident = async (id: string) =>
		(
			await db.query<{ status: string; title: string }>(
				'select status, title from incident where id = $1',
				[id]
			)
		)[0];

	it("refuses an operator's edit of an incident of another picture, and changes nothing", async () => {
		expect(await refusal(updateIncident(db, 'real-inc', edit, 'op', 'x'))).toBe(
			'409 other_picture'
		);
		expect(await refusal(updateIncident(db, 'drill-inc', edit, 'op', null))).toBe(
			'409 other_picture'
		);
		expect(await refusal(acknowledgeIncident(db, 'real-inc', 'op', 'x'))).toBe('409 other_picture');
		expect(await incident('real-inc')).toEqual({ status: 'open', title: 'T' });
		expect(await incident('drill-inc')).toEqual({ status: 'open', title: 'T' });
		// In its own picture the same edit goes through.
		expect(await refusal(updateIncident(db, 'drill-inc', edit, 'op', 'x'))).toBeNull();
		expect(await incident('drill-inc')).toEqual({ status: 'closed', title: 'Closed by someone' });
	});

	it("never maps a device to a drill's team: its positions would be real ones", async () => {
		const map = (teamId: string) =>
			refusal(mapDevice(db, actor, { deviceId: 'owntracks:a/b', teamId, mayRemap: true }));
		expect(await map('drill-team')).toBe('409 other_picture');
		const [held] = await db.query<{ team_id: string | null }>(
			`select team_id from device where id = 'owntracks:a/b'`
		);
		expect(held.team_id).toBeNull();
		expect(await map('real-team')).toBeNull();
	});
});
