import { describe, expect, it } from 'vitest';
import type { DrillControl, DrillEvent, DrillState } from '$sim';
import { DrillRegistry, RegistryError, type DrillEngine } from './registry';

/** A drill control that records what it was told: the registry's bookkeeping is under test. */
function control(id: string, calls: string[]): DrillControl {
	const listeners = new Set<(e: DrillEvent) => void>();
	const state: DrillState = {
		exerciseId: id,
		scenarioId: 's',
		status: 'idle',
		scenarioSec: 0,
		speed: 1,
		progress: 0,
		delivered: [],
		upcoming: [1]
	};
	return {
		state,
		start: async () => {
			calls.push(`start ${id}`);
			for (const l of listeners) l({ kind: 'error', message: 'gauge G1 refused' });
		},
		pause: () => calls.push('pause'),
		resume: () => calls.push('resume'),
		setSpeed: (n) => calls.push(`speed ${n}`),
		jumpTo: async (n) => void calls.push(`jump ${n}`),
		deliver: async (n) => void calls.push(`deliver ${n}`),
		reset: async () => void calls.push(`reset ${id}`),
		on: (l) => {
			listeners.add(l);
			return () => listeners.delete(l);
		}
	};
}

describe('DrillRegistry', () => {
	const calls: string[] = [];
	let n = 0;
	const engine: DrillEngine = {
		scenarios: async () => [],
		create: async (o) => control(o.exerciseId ?? `auto-${++n}`, calls)
	};
	const noop = async () => {};

	it('starts drills, keeps their errors, refuses a second drill of the same id, forgets a reset one', async () => {
		const r = new DrillRegistry(engine, noop, noop);
		const id = await r.start({ scenarioId: 's', exerciseId: 'ex1', speed: 60, seed: '1' });
		expect(id).toBe('ex1');
		await r.start({ scenarioId: 's', speed: 1, seed: '1' });
		await Promise.resolve();
		expect(calls).toEqual(['start ex1', 'start auto-1']);
		expect(r.list().map((d) => d.exerciseId)).toEqual(['auto-1', 'ex1']);
		expect(r.list()[1].errors).toEqual(['gauge G1 refused']);
		await expect(
			r.start({ scenarioId: 's', exerciseId: 'ex1', speed: 1, seed: '1' })
		).rejects.toBeInstanceOf(RegistryError);
		r.get('ex1').setSpeed(30);
		await r.reset('ex1');
		expect(calls.slice(-2)).toEqual(['speed 30', 'reset ex1']);
		expect(() => r.get('ex1')).toThrow(RegistryError);
		await expect(r.reset('ex1')).rejects.toMatchObject({ status: 404, problem: 'drill_not_found' });
	});
});
