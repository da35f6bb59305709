import { describe, expect, it } from 'vitest';
import { makeLogEntry, makeSnapshot, makeTeam } from '$lib/live/fixtures';
import { exerciseIds, hasDemo } from './marks';
import { fromSnapshot } from '$lib/live/reduce';

describe('exercise and demo flags', () => {
	it('are found on any entity', () => {
		const real = fromSnapshot(makeSnapshot());
		expect(exerciseIds(real)).toEqual([]);
		expect(hasDemo(real)).toBe(false);
		const drill = fromSnapshot(
			makeSnapshot({ teams: [makeTeam({ exercise: 'kulob-mudflow-1', demo: true })] })
		);
		expect(exerciseIds(drill)).toEqual(['kulob-mudflow-1']);
		expect(hasDemo(drill)).toBe(true);
	});

	it('include a significant event from a drill', () => {
		const drill = fromSnapshot(makeSnapshot({ events: [makeLogEntry({ exercise: 'drill-2' })] }));
		expect(exerciseIds(drill)).toEqual(['drill-2']);
	});
});
