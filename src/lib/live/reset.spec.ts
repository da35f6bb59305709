import { describe, expect, it } from 'vitest';
import { makeHazard, makeIncident, makeSensor, makeSnapshot, makeTeam } from '$lib/live/fixtures';
import { applyEvent, fromSnapshot } from './reduce';

const exercise = (id: string, status: string) => ({
	type: 'exercise' as const,
	data: {
		id,
		name: 'Kulob drill',
		scenario: 'kulob-mudflow',
		status,
		startedAt: null,
		endedAt: null,
		exercise: id
	}
});

describe('an exercise reset on the wall', () => {
	const data = fromSnapshot(
		makeSnapshot({
			teams: [
				makeTeam({ id: 'real-1' }),
				makeTeam({ id: 'ex-1', exercise: 'ex-a' }),
				makeTeam({ id: 'ex-2', exercise: 'ex-b' })
			],
			incidents: [makeIncident({ id: 'i-real' }), makeIncident({ id: 'i-a', exercise: 'ex-a' })],
			sensors: [makeSensor({ id: 's-a', exercise: 'ex-a' }), makeSensor({ id: 's-real' })],
			hazards: [makeHazard({ id: 'h-a', exercise: 'ex-a' })],
			trails: { 'ex-1': [[69.78, 37.91, 1]], 'real-1': [[69.78, 37.91, 1]] },
			series: { 's-a': [[1, 2]], 's-real': [[1, 2]] }
		})
	);

	it('drops every row of that exercise, with its trails and series, and nothing else', () => {
		const next = applyEvent(data, exercise('ex-a', 'reset'));
		expect([...next.teams.keys()].sort()).toEqual(['ex-2', 'real-1']);
		expect([...next.incidents.keys()]).toEqual(['i-real']);
		expect([...next.sensors.keys()]).toEqual(['s-real']);
		expect([...next.hazards.keys()]).toEqual([]);
		expect([...next.trails.keys()]).toEqual(['real-1']);
		expect([...next.series.keys()]).toEqual(['s-real']);
	});

	it('leaves the picture as it is for any other state', () => {
		expect(applyEvent(data, exercise('ex-a', 'paused'))).toBe(data);
	});
});
