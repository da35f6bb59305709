import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyNumber, copyText, copyTime, copyTimes } from './copy';
import { openPglite } from './pglite';

describe('COPY text format', () => {
	it('escapes what would end a column or a row, and the escape character itself', () => {
		expect(copyText('plain')).toBe('plain');
		expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
		expect(copyText('\\N')).toBe('\\\\N'); // the text "\N", not a null
		expect(copyText(null)).toBe('\\N');
		expect(copyText('ünïcödé 🚒 \u0001')).toBe('ünïcödé 🚒 \u0001');
	});

	it('writes numbers and times PostgreSQL reads back exactly', () => {
		expect(copyNumber(1e21)).toBe('1e+21');
		expect(copyNumber(-0.1)).toBe('-0.1');
		expect(copyNumber(null)).toBe('\\N');
		expect(copyTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('2026-01-02T03:04:05.006Z');
	});

	it('remembers the times it wrote, by millisecond', () => {
		const times = copyTimes();
		const a = new Date(1_800_000_000_123);
		expect(times(a)).toBe(a.toISOString());
		expect(times(new Date(a.getTime()))).toBe(a.toISOString());
		expect(times(new Date(a.getTime() + 1))).toBe(new Date(a.getTime() + 1).toISOString());
		expect(times(a)).toBe(a.toISOString());
	});
});

describe('copyIn', () => {
	it('stores every value as written, through the embedded database', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'eocwall-copy-'));
		const db = await openPglite(dir);
		try {
			await db.query('create table t (a text, b float8, c timestamptz, d text)');
			const texts = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', 'ünï 🚒', '', '\\.'];
			const at = new Date(Date.UTC(2026, 10, 30, 12, 0, 0, 7));
			const data = texts
				.map((t, i) => `${copyText(t)}\t${copyNumber(i / 3)}\t${copyTime(at)}\t${copyText(null)}\n`)
				.join('');
			await db.transaction((tx) => tx.copyIn('t', ['a', 'b', 'c', 'd'], data));
			const rows = await db.query<{ a: string; b: number; c: Date; d: null }>(
				'select a, b, c, d from t order by b'
			);
			expect(rows.map((r) => r.a)).toEqual(texts);
			expect(rows.map((r) => r.b)).toEqual(texts.map((_, i) => i / 3));
			expect(rows.every((r) => r.c.getTime() === at.getTime() && r.d === null)).toBe(true);
		} finally {
			await db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000); // a new PGlite directory is an initdb: seconds on a busy machine
});
