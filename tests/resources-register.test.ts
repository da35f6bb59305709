import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';

/**
 * The resource register through the running app (/console/resources): a CSV of 1,000 resources
 * with 3 bad rows names the 3 lines with their reasons and stores nothing; the operator then takes
 * the good rows knowingly (997), and the fixed file brings the register to 1,000, each import in
 * the audit log. A viewer and an anonymous caller are refused; a resource is added, edited and
 * retired through the forms (not while an open request holds it); a store's minimum is set.
 */
const PAGE = '/console/resources';
const HEADER = 'id,kind,name,plate,agency,home_base,capability,status,lat,lon,team';
/** The rows of the big file: three bad ones at rows 100, 500 and 900 (lines 102, 502, 902). */
function registerCsv(fixed: boolean): string {
	const rows = Array.from({ length: 1000 }, (_, i) => {
		const id = `imp-${String(i).padStart(4, '0')}`;
		let kind = i % 2 ? 'excavator' : 'boat';
		const lat = String(37.5 + i / 10_000);
		let lon = String(69.5 + i / 10_000);
		let status = i % 7 ? 'available' : 'out_of_service';
		if (!fixed && i === 100) kind = 'tractor';
		if (!fixed && i === 500) lon = '';
		if (!fixed && i === 900) status = 'lost';
		const team = i % 10 === 0 ? 'rescue-1' : '';
		return `${id},${kind},Unit ${i},${1000 + i} TJ 03,CoES,"Kulob, depot",,${status},${lat},${lon},${team}`;
	});
	return [HEADER, ...rows].join('\r\n') + '\r\n';
}

/** Puts the kinds, a team, a resource held by an open request and a store in before the start. */
async function seed(env: Record<string, string>) {
	const db = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
	try {
		await db.migrate(join(ROOT, 'drizzle'));
		await db.query(`insert into resource_kind (id, names, class, unit) values
			('excavator', '{"en":"Excavator"}', 'equipment', 'unit'),
			('boat', '{"en":"Boat"}', 'equipment', 'unit'),
			('water', '{"en":"Drinking water"}', 'supply', 'l')
			on conflict (id) do nothing`);
		await db.query(`insert into team (id, callsign, kind, status) values
			('rescue-1', 'Rescue 1', 'rescue', 'available')`);
		await db.query(`insert into resource_request (id, kind_id, quantity, place, requester_kind,
			requester, status, requested_at) values
			('req-held', 'excavator', 1, 'Kulob', 'operator', 'Op', 'assigned', now())`);
		await db.query(`insert into resource (id, kind_id, name, status, request_id) values
			('held-1', 'excavator', 'Held excavator', 'assigned', 'req-held')`);
		await db.query(`insert into request_assignment (request_id, resource_id, at)
			values ('req-held', 'held-1', now())`);
		await db.query(`insert into store (id, name) values ('wh-1', 'Kulob warehouse')`);
		await db.query(`insert into stock (store_id, kind_id, quantity) values ('wh-1', 'water', 100)`);
	} finally {
		await db.close();
	}
}

describe(`the resource register, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let op: FormClient;
	let admin: FormClient;
	/** The live stream, as a wall gets it: every write of the register reaches it. */
	let sse: SseClient;

	/** How many resources the register holds, as its page counts them. */
	const total = async () => {
		const html = await (await op.get(`${PAGE}?lang=en`)).text();
		return Number(html.match(/data-testid="register-count"[^>]*data-total="(\d+)"/)?.[1] ?? -1);
	};
	const upload = (who: FormClient, csv: string, extra: Record<string, string> = {}) =>
		who.postFile(`${PAGE}?/import&lang=en`, 'register.csv', csv, extra);

	beforeAll(async () => {
		db = await freshDatabase();
		await seed(db.env);
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		sse = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		await sse.waitFor((e) => e.event === 'snapshot');
	});
	afterAll(async () => {
		await sse?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('refuses a viewer and an anonymous caller the page and its actions', async () => {
		const viewer = new FormClient(app.url);
		await viewer.signIn(app.auth.users.viewer.email, app.auth.users.viewer.password);
		expect((await viewer.get(PAGE)).status).toBe(403);
		expect((await upload(viewer, registerCsv(true))).status).toBe(403);
		expect((await viewer.post(`${PAGE}?/add`, { id: 'v-1', kind: 'boat', name: 'V' })).status).toBe(
			403
		);
		const anonymous = new FormClient(app.url);
		const r = await anonymous.post(`${PAGE}?/add`, { id: 'a-1', kind: 'boat', name: 'A' });
		expect([401, 403, 303]).toContain(r.status);
		expect(await total()).toBe(1);
	});

	it('names the 3 bad lines of 1,000 with their reasons and stores nothing, then takes the good rows knowingly, then the fixed file', async () => {
		const refused = await upload(op, registerCsv(false));
		expect(refused.status).toBe(400);
		const html = await refused.text();
		const bad = html.slice(html.indexOf('data-testid="import-bad"'));
		const lines = [...bad.matchAll(/data-line="(\d+)"[^>]*>([\s\S]*?)<\/li>/g)].map((x) => [
			Number(x[1]),
			x[2].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
		]);
		expect(lines.map(([l]) => l)).toEqual([102, 502, 902]);
		expect(lines[0][1]).toMatch(/imp-0100.*kind.*tractor/);
		expect(lines[1][1]).toMatch(/imp-0500.*lon.*both latitude and longitude/);
		expect(lines[2][1]).toMatch(/imp-0900.*status.*lost/);
		expect(testId(html, 'import-counts')).toMatch(/997 good rows.*3 bad.*Nothing was stored/);
		expect(html).toContain('data-testid="skip-bad"');
		expect(await total()).toBe(1);

		// Skipping with counts other than those shown (another file) is checked again, not taken.
		expect((await upload(op, registerCsv(false), { skipBad: '1', expect: '998/2' })).status).toBe(
			400
		);
		expect(await total()).toBe(1);

		const taken = await upload(op, registerCsv(false), { skipBad: '1', expect: '997/3' });
		expect(taken.status).toBe(200);
		expect(testId(await taken.text(), 'import-done')).toMatch(/997 added, 0 updated, 3 bad rows/);
		expect(await total()).toBe(998);
		const live = await sse.waitFor(
			(e) => e.event === 'resource' && JSON.parse(e.data).id === 'imp-0010'
		);
		expect(JSON.parse(live.data)).toMatchObject({
			kindId: 'boat',
			name: 'Unit 10',
			teamId: 'rescue-1',
			status: 'available',
			lat: 37.501,
			exercise: null
		});
		const list = await (await op.get(`${PAGE}?lang=en&q=imp-0010`)).text();
		expect(list).toContain('data-resource="imp-0010"');
		expect(list).toContain('Rescue 1');

		const fixed = await upload(op, registerCsv(true));
		expect(fixed.status).toBe(200);
		expect(testId(await fixed.text(), 'import-done')).toMatch(/3 added, 997 updated, 0 bad rows/);
		expect(await total()).toBe(1001);
		expect(
			(await (await op.get(`${PAGE}?lang=en&kind=boat`)).text()).match(/data-matching="(\d+)"/)?.[1]
		).toBe('500');

		const audit = await (await admin.get('/admin/audit?lang=en')).text();
		expect(audit).toContain('resource.import-refused');
		expect(audit.match(/resource\.import</g)?.length).toBe(2);
	});

	it('adds, edits and retires a resource through the forms, refusing what is wrong', async () => {
		const fields = {
			id: 'exc-new',
			kind: 'excavator',
			name: 'New excavator',
			plate: '01 AB 234',
			agency: 'Khukumat',
			homeBase: 'Vose',
			capability: 'Long arm',
			status: 'available',
			lat: '37.9',
			lon: '69.8',
			team: ''
		};
		const added = await op.post(`${PAGE}?/add&lang=en`, fields);
		expect(added.status).toBe(200);
		expect(testId(await added.text(), 'resource-saved')).toContain('New excavator');
		const again = await op.post(`${PAGE}?/add&lang=en`, fields);
		expect(again.status).toBe(409);
		expect(testId(await again.text(), 'problem-id')).toContain('exists already');

		const bad = await op.post(`${PAGE}?/edit&lang=en`, { ...fields, lat: '95', team: 'nobody' });
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(testId(badHtml, 'problem-lat')).toContain('-90 to 90');
		expect(testId(badHtml, 'problem-team')).toContain('nobody');

		const edited = await op.post(`${PAGE}?/edit&lang=en`, {
			...fields,
			status: 'out_of_service',
			team: 'rescue-1'
		});
		expect(edited.status).toBe(200);
		const row = (await (await op.get(`${PAGE}?lang=en&q=exc-new`)).text()).match(
			/data-resource="exc-new"[\s\S]*?<\/tr>/
		)?.[0];
		expect(row).toContain('out of service');
		expect(row).toContain('Rescue 1');

		// A resource an open request holds keeps its status, and is not retired.
		const held = await op.post(`${PAGE}?/edit&lang=en`, {
			...fields,
			id: 'held-1',
			status: 'available'
		});
		expect(held.status).toBe(409);
		const refusedRetire = await op.post(`${PAGE}?/retire&lang=en`, { id: 'held-1' });
		expect(refusedRetire.status).toBe(409);
		expect(testId(await refusedRetire.text(), 'register-problem')).toContain('req-held');

		const retired = await op.post(`${PAGE}?/retire&lang=en`, { id: 'exc-new' });
		expect(retired.status).toBe(200);
		expect(await (await op.get(`${PAGE}?q=exc-new`)).text()).not.toContain(
			'data-resource="exc-new"'
		);
		// An open wall is told to drop it (a removed event), not left showing it until a reload.
		const removed = await sse.waitFor(
			(e) => e.event === 'removed' && JSON.parse(e.data).id === 'exc-new'
		);
		expect(JSON.parse(removed.data)).toEqual({ kind: 'resource', id: 'exc-new' });
		const audit = await (await admin.get('/admin/audit?lang=en')).text();
		for (const a of ['resource.add', 'resource.edit', 'resource.retire'])
			expect(audit, a).toContain(`${a}<`);
	});

	it("sets a store's quantity and minimum, marks it below, and refuses equipment as stock", async () => {
		const set = await op.post(`${PAGE}?/stock&lang=en`, {
			storeId: 'wh-1',
			kindId: 'water',
			quantity: '100',
			minimum: '500'
		});
		expect(set.status).toBe(200);
		const line = (await set.text()).match(/data-stock="wh-1:water"[\s\S]*?<\/tr>/)?.[0] ?? '';
		expect(line).toContain('below minimum');
		expect(line).toMatch(/name="minimum"[^>]*value="500"/);
		const live = await sse.waitFor(
			(e) => e.event === 'stock' && JSON.parse(e.data).id === 'wh-1:water'
		);
		expect(JSON.parse(live.data)).toMatchObject({ quantity: 100, minimum: 500 });
		const equipment = await op.post(`${PAGE}?/stock&lang=en`, {
			storeId: 'wh-1',
			kindId: 'excavator',
			quantity: '1',
			minimum: ''
		});
		expect(equipment.status).toBe(400);
		expect(testId(await equipment.text(), 'stock-problem')).toContain('is equipment');
		const enough = await op.post(`${PAGE}?/stock&lang=en`, {
			storeId: 'wh-1',
			kindId: 'water',
			quantity: '800',
			minimum: '500'
		});
		expect((await enough.text()).match(/data-stock="wh-1:water"[\s\S]*?<\/tr>/)?.[0]).not.toContain(
			'below minimum'
		);
	});
});
