import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/types';
import type { LiveMessage } from '../live/hub';
import { ResourceTeams } from './resource-teams';

/** A database that answers the map's one statement with `rows`, when `gate` lets it. */
function fakeDb(rows: { id: string; team_id: string }[], gate: Promise<void> = Promise.resolve()) {
	const db = {
		query: async () => {
			await gate;
			return rows;
		}
	} as unknown as Queryable;
	return db;
}
const change = (
	id: string,
	teamId: string | null,
	exercise: string | null = null
): LiveMessage => ({
	id: 1,
	event: 'resource',
	data: { id, teamId, exercise }
});
const log = pino({ level: 'silent' });

describe('the map of resources to teams (device ACL)', () => {
	it('reads the real resources with a team, then follows the change log', async () => {
		const map = new ResourceTeams(fakeDb([{ id: 'exc-1', team_id: 'team-a' }]), log);
		await map.reload();
		expect(map.teamOf('exc-1')).toBe('team-a');
		expect(map.teamOf('exc-2')).toBeNull();
		map.apply([
			change('exc-2', 'team-b'),
			change('exc-1', null),
			change('exc-3', 'team-a', 'ex-1'),
			{ id: 2, event: 'team', data: { id: 'exc-4', teamId: 'team-a', exercise: null } }
		]);
		expect(map.teamOf('exc-2')).toBe('team-b');
		// Taken from its team, a drill's, or not a resource at all: nobody's.
		expect(map.teamOf('exc-1')).toBeNull();
		expect(map.teamOf('exc-3')).toBeNull();
		expect(map.teamOf('exc-4')).toBeNull();
	});

	it('forgets a retired resource at once (a removed event), not at the next reload', async () => {
		const map = new ResourceTeams(fakeDb([{ id: 'exc-1', team_id: 'team-a' }]), log);
		await map.reload();
		map.apply([
			{ id: 3, event: 'removed', data: { kind: 'resourceKind', id: 'exc-1' } },
			{ id: 4, event: 'removed', data: { kind: 'resource', id: 'exc-9' } }
		]);
		expect(map.teamOf('exc-1')).toBe('team-a'); // a kind of that name is not the resource
		map.apply([{ id: 5, event: 'removed', data: { kind: 'resource', id: 'exc-1' } }]);
		expect(map.teamOf('exc-1')).toBeNull();
	});

	it('keeps a change heard while a reload reads, over what the reload read', async () => {
		let open = () => {};
		const gate = new Promise<void>((r) => (open = r));
		const map = new ResourceTeams(fakeDb([{ id: 'exc-1', team_id: 'team-a' }], gate), log);
		const reading = map.reload();
		map.apply([change('exc-1', 'team-b')]);
		open();
		await reading;
		expect(map.teamOf('exc-1')).toBe('team-b');
	});
});
