import { describe, expect, it } from 'vitest';
import { filterRegister, registerFilter } from './register-filter';

const list = [
	{
		id: 'exc-1',
		kindId: 'excavator',
		name: 'Excavator one',
		plate: 'KV 12-34',
		status: 'available'
	},
	{ id: 'boat-1', kindId: 'boat', name: 'Rescue boat', plate: null, status: 'out_of_service' }
] as const;

describe('the register filter', () => {
	it('reads the query string, dropping a status that is not one', () => {
		expect(registerFilter(new URLSearchParams('kind=boat&status=lost&q=%20x%20'))).toEqual({
			kind: 'boat',
			status: '',
			q: 'x'
		});
	});
	it('filters by kind and status, and finds a plate whatever its spacing', () => {
		const ids = (q: string) =>
			filterRegister(list, registerFilter(new URLSearchParams(q))).map((r) => r.id);
		expect(ids('')).toEqual(['exc-1', 'boat-1']);
		expect(ids('kind=boat')).toEqual(['boat-1']);
		expect(ids('status=available')).toEqual(['exc-1']);
		expect(ids('q=kv1234')).toEqual(['exc-1']);
		expect(ids('q=RESCUE')).toEqual(['boat-1']);
		expect(ids('q=nothing')).toEqual([]);
	});
});
