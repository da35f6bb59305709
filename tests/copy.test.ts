import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '$lib/server/db';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';

/** Fails instead of hanging: a COPY whose refusal never arrives would hold its transaction. */
const within = <T>(p: Promise<T>, ms = 20_000) =>
	Promise.race([
		p,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)
		)
	]);

describe(`COPY on ${BACKEND}`, () => {
	let test: TestDatabase | null = null;
	let db: Database | null = null;
	afterAll(async () => {
		await db?.close();
		await test?.drop();
	});

	it('reports a refused COPY with the server’s error, and the transaction carries on', async () => {
		test = await freshDatabase();
		db = await openDatabase({
			DATABASE_URL: test.env.DATABASE_URL,
			PGLITE_DIR: test.env.PGLITE_DIR ?? ''
		});
		const d = db;
		await d.query('create table k (key text primary key, at timestamptz)');
		await d.query(`insert into k values ('old', now())`);

		const codes = await within(
			d.transaction(async (tx) => {
				const seen: unknown[] = [];
				// a key that exists: refused once every row was sent (postgres.js#1173)
				await tx.query('savepoint s');
				await tx.copyIn('k', ['key'], 'new\nold\n').catch((e) => seen.push(e.code));
				await tx.query('rollback to savepoint s');
				// a value the column cannot hold: a data error
				await tx.query('savepoint s');
				await tx.copyIn('k', ['key', 'at'], 'x\tnot a time\n').catch((e) => seen.push(e.code));
				await tx.query('rollback to savepoint s');
				await tx.copyIn('k', ['key', 'at'], 'fine\t2026-11-30T12:00:00.000Z\n');
				return seen;
			})
		);
		expect(codes).toEqual(['23505', '22007']);
		const rows = await d.query<{ key: string }>('select key from k order by key');
		expect(rows.map((r) => r.key)).toEqual(['fine', 'old']);
	});

	it('fails the transaction when a refused COPY is not caught', async () => {
		const d = db as Database;
		await expect(
			within(d.transaction((tx) => tx.copyIn('k', ['key'], 'old\n')))
		).rejects.toMatchObject({ code: '23505' });
		expect(await d.query('select 1 as one')).toEqual([{ one: 1 }]); // the connection is usable
	});
});
