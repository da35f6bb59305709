import { describe, expect, it } from 'vitest';
import { shapeExercises, STALE_AFTER_MS } from './exercises';

const T = Date.UTC(2026, 11, 7, 10, 0, 0);
const row = (over: Partial<Parameters<typeof shapeExercises>[0][number]> = {}) => ({
	id: 'cli-1',
	name: 'Kulob drill',
	scenario: 'kulob-mudflow',
	status: 'running',
	started_at: new Date(T - 600_000),
	clock: { status: 'running', speed: 30, scenarioSec: 3725, scenarioStart: null, ts: '' },
	state_at: new Date(T - 5000),
	...over
});

describe('the running exercises of the trainer console', () => {
	it('shows the clock of the newest state and the exercise’s own delivered injects', () => {
		const [e] = shapeExercises(
			[row()],
			[
				{ exercise: 'cli-1', number: 2, scenario_sec: 60, message: 'm', delivered_at: new Date(T) },
				{ exercise: 'other', number: 1, scenario_sec: 0, message: 'x', delivered_at: new Date(T) }
			],
			T
		);
		expect(e).toMatchObject({ status: 'running', scenarioSec: 3725, speed: 30, stale: false });
		expect(e.stateAt).toBe(new Date(T - 5000).toISOString());
		expect(e.delivered.map((i) => i.number)).toEqual([2]);
	});

	it('is stale once no state came for longer than the limit (two minutes), not before', () => {
		const at = (ms: number) => shapeExercises([row({ state_at: new Date(T - ms) })], [], T)[0];
		expect(STALE_AFTER_MS).toBe(120_000);
		expect(at(STALE_AFTER_MS).stale).toBe(false);
		expect(at(STALE_AFTER_MS + 1).stale).toBe(true);
	});

	it('without a recorded state: no clock, stale, news dated by its start', () => {
		const [e] = shapeExercises([row({ clock: null, state_at: null })], [], T);
		expect(e).toMatchObject({ scenarioSec: null, speed: null, stale: true });
		expect(e.stateAt).toBe(new Date(T - 600_000).toISOString());
	});
});
