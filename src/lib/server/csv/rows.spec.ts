import { describe, expect, it } from 'vitest';
import { csvRows } from './rows';

describe('the rows of a CSV text', () => {
	it('gives each row the line it starts on, past blank lines and a quoted cell over two lines', () => {
		const { rows, errors } = csvRows('a,b\r\n\r\n1,"two\r\nlines"\r\n3,x\r\n');
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 3, cells: ['1', 'two\r\nlines'] },
			{ line: 5, cells: ['3', 'x'] }
		]);
	});
	it("names the line of papaparse's problem", () => {
		const { errors } = csvRows('a,b\n1,2\n3,"open\n');
		expect(errors.map((e) => e.line)).toEqual([3]);
		expect(errors[0].message).toMatch(/quote/i);
	});
});
