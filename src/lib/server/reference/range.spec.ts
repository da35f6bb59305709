import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRange, serveFileRange } from './range';

describe('HTTP Range', () => {
	it('reads the three forms of a byte range and refuses the unsatisfiable', () => {
		expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99]);
		expect(parseRange('bytes=900-', 1000)).toEqual([900, 999]);
		expect(parseRange('bytes=-100', 1000)).toEqual([900, 999]);
		expect(parseRange('bytes=990-2000', 1000)).toEqual([990, 999]);
		expect(parseRange('bytes=1000-1001', 1000)).toBeNull();
		expect(parseRange('bytes=5-1', 1000)).toBeNull();
		expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
		expect(parseRange('items=0-1', 1000)).toBeNull();
	});

	it('serves 206 with the asked bytes, 200 without a range, 416 past the end', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'range-')), 'a.pmtiles');
		writeFileSync(path, Buffer.from('0123456789'));
		const get = (range?: string) =>
			serveFileRange(
				path,
				new Request('http://x/a', { headers: range ? { range } : {} }),
				'application/vnd.pmtiles'
			);
		const part = await get('bytes=2-5');
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
		expect(await part.text()).toBe('2345');
		const whole = await get();
		expect(whole.status).toBe(200);
		expect(whole.headers.get('accept-ranges')).toBe('bytes');
		expect(await whole.text()).toBe('0123456789');
		const past = await get('bytes=10-');
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe('bytes */10');
	});
});
