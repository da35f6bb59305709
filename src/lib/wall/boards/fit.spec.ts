import { describe, expect, it } from 'vitest';
import { fitRows } from './fit';

describe('fitting rows without scrolling', () => {
	it('shows all when they fit, else keeps a line for "+N more"', () => {
		expect(fitRows(4, 200, 50, 20)).toEqual({ shown: 4, more: 0 });
		expect(fitRows(5, 200, 50, 20)).toEqual({ shown: 3, more: 2 });
		expect(fitRows(5, 10, 50, 20)).toEqual({ shown: 0, more: 5 });
		expect(fitRows(3, Number.NaN, 50)).toEqual({ shown: 3, more: 0 });
	});
});
