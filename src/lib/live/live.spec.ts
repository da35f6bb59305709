import { describe, expect, it } from 'vitest';
import { makeIncident, makeSnapshot, makeTeam } from '$lib/live/fixtures';
import { LiveState } from './live.svelte';

describe('LiveState', () => {
	it('holds the snapshot, applies deltas and remembers the last event', () => {
		const live = new LiveState();
		expect(live.connection).toBe('connecting');
		live.applySnapshot(makeSnapshot());
		expect(live.asOf).toBe(makeSnapshot().asOf);
		live.apply({ type: 'team', data: makeTeam({ status: 'on_scene' }) }, '17', 1234);
		live.apply({ type: 'incident', data: makeIncident({ status: 'closed' }) }, '18', 1300);
		expect(live.teams.get('kr-2')?.status).toBe('on_scene');
		expect(live.incidents.size).toBe(0);
		expect([live.lastEventId, live.lastEventAt]).toEqual(['18', 1300]);
		live.setConnection('lost');
		expect(live.connection).toBe('lost');
	});
});
