import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/lib/server/db';
import {
	assignRequest,
	createRequest,
	RequestError,
	stepRequest,
	type NewRequest
} from '../src/lib/server/entities/resource/requests';
import type { ChangeSet } from '../src/lib/server/live/changes';
import { advanceRequests } from '../src/lib/server/resources/progress';
import { ROOT } from './helpers/app';
import { BACKEND, freshDatabase, type TestDatabase } from './helpers/backend';

/**
 * The request lifecycle's writes on the database: each step checked against REQUEST_NEXT, a
 * reason for refuse and cancel, what an assignment takes (available resources of the kind, stock
 * that is there) and what a cancel gives back; every step a step row, an audit entry, a change.
 */
describe(`resource request writes, on ${BACKEND}`, () => {
	let t: TestDatabase;
	let db: Database;
	const ask: NewRequest = {
		kindId: 'excavator',
		quantity: 2,
		place: 'Kulob, Sari Kulob',
		lat: 37.91,
		lon: 69.78,
		priority: 'urgent',
		requesterKind: 'district',
		requester: 'Kulob'
	};
	const run = <T>(
		fn: (tx: Parameters<Parameters<Database['transaction']>[0]>[0], c: ChangeSet) => Promise<T>
	) => db.transaction(async (tx) => fn(tx, new Map()));
	const refusal = (p: Promise<unknown>) =>
		p.then(
			() => null,
			(e: unknown) => {
				if (e instanceof RequestError) return { problem: e.problem, message: e.message };
				throw e;
			}
		);
	const status = async (id: string) =>
		(await db.query<{ status: string }>('select status from resource where id = $1', [id]))[0]
			.status;

	beforeAll(async () => {
		t = await freshDatabase();
		const { DATABASE_URL, PGLITE_DIR = '' } = t.env;
		db = await openDatabase({ DATABASE_URL, PGLITE_DIR });
		await db.migrate(join(ROOT, 'drizzle'));
		await db.query(`insert into resource_kind (id, names, class, unit) values
			('excavator', '{"en":"Excavator"}', 'equipment', 'unit'),
			('water', '{"en":"Drinking water"}', 'supply', 'l')`);
		await db.query(`insert into resource (id, kind_id, name, status) values
			('exc-1', 'excavator', 'EX-1', 'available'), ('exc-2', 'excavator', 'EX-2', 'available'),
			('exc-3', 'excavator', 'EX-3', 'out_of_service')`);
		await db.query(`insert into store (id, name) values ('wh-kulob', 'Kulob warehouse')`);
		await db.query(
			`insert into stock (store_id, kind_id, quantity) values ('wh-kulob', 'water', 1000)`
		);
	});
	afterAll(async () => {
		await db?.close();
		await t?.drop();
	});

	it('walks requested → approved → assigned → en route → delivered, each step recorded', async () => {
		const changes: ChangeSet = new Map();
		const id = await db.transaction((tx) => createRequest(tx, ask, 'op@x', changes));
		expect(changes.get('request')).toEqual(new Set([id]));
		await run((tx, c) => stepRequest(tx, id, 'approved', 'sup@x', null, c));
		// Not of the kind's availability: out of service is refused, naming it.
		expect(
			await refusal(
				run((tx, c) => assignRequest(tx, id, { resources: ['exc-1', 'exc-3'] }, 'op@x', c))
			)
		).toMatchObject({ problem: 'req_resource_not_available' });
		const assigned = await run((tx, c) =>
			assignRequest(tx, id, { resources: ['exc-1', 'exc-2'] }, 'op@x', c)
		);
		expect(assigned.map((a) => a.resourceId)).toEqual(['exc-1', 'exc-2']);
		expect(await status('exc-1')).toBe('assigned');
		await run((tx, c) => stepRequest(tx, id, 'en_route', 'resource:exc-1', null, c));
		expect(await status('exc-2')).toBe('en_route');
		// A step back is refused, naming from → to.
		expect(await refusal(run((tx, c) => stepRequest(tx, id, 'approved', 'op@x', null, c)))).toEqual(
			{
				problem: 'req_step_not_allowed',
				message: `request ${id} cannot go from en_route to approved`
			}
		);
		await run((tx, c) => stepRequest(tx, id, 'delivered', 'op@x', null, c));
		const [row] = await db.query<Record<string, unknown>>(
			`select status, approved_at, assigned_at, en_route_at, delivered_at, closed_at
			from resource_request where id = $1`,
			[id]
		);
		expect(row.status).toBe('delivered');
		for (const c of ['approved_at', 'assigned_at', 'en_route_at', 'delivered_at', 'closed_at'])
			expect(row[c], c).not.toBeNull();
		const steps = await db.query<{ status: string; actor: string }>(
			'select status, actor from resource_request_step where request_id = $1 order by id',
			[id]
		);
		expect(steps.map((s) => s.status)).toEqual([
			'requested',
			'approved',
			'assigned',
			'en_route',
			'delivered'
		]);
		expect(steps[3].actor).toBe('resource:exc-1');
		const audited = await db.query<{ action: string }>(
			'select action from audit_log where target = $1 order by id',
			[id]
		);
		expect(audited.map((a) => a.action)).toEqual(steps.map((s) => `request.${s.status}`));
	});

	it('refuses a refuse or a cancel without a reason, and a cancel gives back what it took', async () => {
		const id = await run((tx, c) =>
			createRequest(tx, { ...ask, kindId: 'water', quantity: 300 }, 'op@x', c)
		);
		expect(
			await refusal(run((tx, c) => stepRequest(tx, id, 'refused', 'sup@x', '  ', c)))
		).toMatchObject({ problem: 'req_reason_missing' });
		await run((tx, c) => stepRequest(tx, id, 'approved', 'sup@x', undefined, c));
		expect(
			await refusal(
				run((tx, c) => assignRequest(tx, id, { storeId: 'wh-kulob', quantity: 3000 }, 'op@x', c))
			)
		).toMatchObject({ problem: 'req_assign_too_many' });
		const changes: ChangeSet = new Map();
		await db.transaction((tx) =>
			assignRequest(tx, id, { storeId: 'wh-kulob', quantity: 300 }, 'op@x', changes)
		);
		expect(changes.get('stock')).toEqual(new Set(['wh-kulob:water']));
		const stock = async () =>
			(await db.query<{ quantity: number }>(`select quantity from stock`))[0].quantity;
		expect(await stock()).toBe(700);
		expect(
			await refusal(run((tx, c) => stepRequest(tx, id, 'cancelled', 'op@x', null, c)))
		).toMatchObject({ problem: 'req_reason_missing' });
		await run((tx, c) => stepRequest(tx, id, 'cancelled', 'op@x', 'road closed', c));
		expect(await stock()).toBe(1000);
		const [row] = await db.query<{ reason: string; closed_at: unknown }>(
			'select reason, closed_at from resource_request where id = $1',
			[id]
		);
		expect(row.reason).toBe('road closed');
		expect(row.closed_at).not.toBeNull();
	});

	it('refuses stock a store does not hold, and a cancel frees the resources it assigned', async () => {
		const water = await run((tx, c) =>
			createRequest(tx, { ...ask, kindId: 'water', quantity: 5000 }, 'op@x', c)
		);
		await run((tx, c) => stepRequest(tx, water, 'approved', 'sup@x', null, c));
		expect(
			await refusal(
				run((tx, c) => assignRequest(tx, water, { storeId: 'wh-kulob', quantity: 4000 }, 'op@x', c))
			)
		).toMatchObject({ problem: 'req_stock_short' });
		await db.query(`update resource set status = 'available', request_id = null`);
		const id = await run((tx, c) => createRequest(tx, ask, 'op@x', c));
		await run((tx, c) => stepRequest(tx, id, 'approved', 'sup@x', null, c));
		await run((tx, c) => assignRequest(tx, id, { resources: ['exc-1'] }, 'op@x', c));
		await run((tx, c) => stepRequest(tx, id, 'cancelled', 'op@x', 'not needed', c));
		const [r] = await db.query<{ status: string; request_id: string | null }>(
			`select status, request_id from resource where id = 'exc-1'`
		);
		expect(r).toEqual({ status: 'available', request_id: null });
	});

	it("moves a request on from its resources' own reports: en route by the first, delivered by the last", async () => {
		await db.query(`update resource set status = 'available', request_id = null`);
		const id = await run((tx, c) => createRequest(tx, ask, 'op@x', c));
		await run((tx, c) => stepRequest(tx, id, 'approved', 'sup@x', null, c));
		await run((tx, c) => assignRequest(tx, id, { resources: ['exc-1', 'exc-2'] }, 'op@x', c));
		// The ingest writes the resource's row, then asks its request to move, in one transaction.
		const report = (rid: string, s: 'en_route' | 'on_scene', ts: string) =>
			db.transaction(async (tx) => {
				await tx.query('update resource set status = $2 where id = $1', [rid, s]);
				const c: ChangeSet = new Map();
				const moved = await advanceRequests(tx, [{ id: rid, status: s, ts, exercise: null }], c);
				return { moved, changed: [...(c.get('request') ?? [])] };
			});
		const reqStatus = async () =>
			(
				await db.query<{ status: string }>('select status from resource_request where id = $1', [
					id
				])
			)[0].status;
		expect(await report('exc-1', 'en_route', '2026-05-12T08:00:00Z')).toEqual({
			moved: [id],
			changed: [id]
		});
		expect(await reqStatus()).toBe('en_route');
		// The other excavator has not said anything: it stays assigned.
		expect(await status('exc-2')).toBe('assigned');
		expect((await report('exc-1', 'on_scene', '2026-05-12T08:30:00Z')).moved).toEqual([]);
		expect(await reqStatus()).toBe('en_route');
		expect((await report('exc-2', 'on_scene', '2026-05-12T08:40:00Z')).moved).toEqual([id]);
		expect(await reqStatus()).toBe('delivered');
		const steps = await db.query<{ status: string; actor: string; at: Date }>(
			`select status, actor, at from resource_request_step where request_id = $1 and status in ('en_route', 'delivered') order by id`,
			[id]
		);
		expect(steps.map((s) => [s.status, s.actor, new Date(s.at).toISOString()])).toEqual([
			['en_route', 'resource:exc-1', '2026-05-12T08:00:00.000Z'],
			['delivered', 'resource:exc-2', '2026-05-12T08:40:00.000Z']
		]);
	});
});
