import { describe, expect, it } from 'vitest';
import { passOf } from './engine';

describe('the changes the engine hears', () => {
	it("evaluates a changed stock again (`{storeId}:{kindId}`), and a gauge's, by id", () => {
		const pass = passOf([
			{ event: 'stock', data: { id: 'kulob-wh:tent' } },
			{ event: 'sensor', data: { id: 'g1' } }
		]);
		expect(pass && [...pass.ids.stock]).toEqual(['kulob-wh:tent']);
		expect(pass && [...pass.ids.sensor]).toEqual(['g1']);
		expect(pass?.all).toBe(false);
	});
	it('ignores what no rule tests, and a change without an id', () => {
		expect(passOf([{ event: 'log', data: { id: 'x' } }])).toBeNull();
		expect(passOf([{ event: 'stock', data: null }])).toBeNull();
	});
	it('takes a moved shelter for every hazard', () => {
		expect([...(passOf([{ event: 'shelter', data: { id: 's' } }])?.kinds ?? [])]).toEqual([
			'hazard'
		]);
	});
});
