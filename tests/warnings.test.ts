import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCap, type CapAlert } from '$lib/contracts';
import type { Role } from '../src/lib/server/auth/roles';
import { createUser } from '../src/lib/server/auth/users';
import { openDatabase } from '../src/lib/server/db';
import { templateFields } from '../src/lib/server/warnings/prefill';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { seedPrincipals } from './helpers/principals';

const XSD = readFileSync(new URL('./fixtures/cap/CAP-v1.2.xsd', import.meta.url), 'utf8');
const DRILL = 'drill-w';
const SECOND = { email: 'supervisor2@test.example.org', password: 'pw-second-supervisor-1' };

/**
 * Warnings drafted for approval, through the running app as people use it (form posts that work
 * without JavaScript): the drafter cannot approve their own, a second supervisor can, and only
 * then is the CAP alert issued (tg, ru and en; Exercise in a drill's picture). Every step is in
 * the audit log.
 */
describe(`warnings drafted for approval, on ${BACKEND}`, { timeout: 120_000 }, () => {
	let db: TestDatabase;
	let app: RunningApp;
	const clients = new Map<string, FormClient>();

	async function as(who: Role | 'supervisor2'): Promise<FormClient> {
		let c = clients.get(who);
		if (!c) {
			c = new FormClient(app.url);
			const u = who === 'supervisor2' ? SECOND : app.auth.users[who];
			await c.signIn(u.email, u.password);
			clients.set(who, c);
		}
		return c;
	}

	/** Drafts a warning; its id (from the redirect to its page). */
	async function draft(c: FormClient, fields: Record<string, string>): Promise<string> {
		const r = await c.post('/console/warnings/new?/draft', fields);
		expect(r.status, await r.clone().text()).toBe(303);
		const id = r.headers.get('location')?.match(/\/console\/warnings\/(w-[0-9a-f]+)$/)?.[1];
		expect(id).toBeTruthy();
		return id as string;
	}

	const page = async (c: FormClient, path: string) => (await c.get(path)).text();
	/** The draft's version the approve form sends back (what the approver read). */
	const seenOf = (html: string) => /name="seen" value="(\d+)"/.exec(html)?.[1] ?? '';

	/** The CAP alert a warning was issued as, from the export (as an integration would fetch it). */
	async function issuedCap(
		html: string
	): Promise<{ xml: string; alert: CapAlert; exercise: string | null }> {
		const href = html.match(
			/data-testid="warning-cap"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*data-testid="warning-cap"/
		);
		// The page's link is relative to it (SvelteKit's resolve() in server rendering).
		const url = new URL(
			(href?.[1] ?? href?.[2] ?? '').replace(/&amp;/g, '&'),
			`${app.url}/console/warnings/x`
		);
		expect(url.pathname).toBe('/api/v1/export/cap');
		const r = await app.fetch(url.pathname + url.search);
		expect(r.status).toBe(200);
		const xml = await r.text();
		const parsed = parseCap(xml);
		if (!parsed.ok) throw new Error(parsed.detail);
		return { xml, alert: parsed.alert, exercise: parsed.exercise };
	}

	async function xsdErrors(xml: string) {
		const r = await validateXML({
			xml: [{ fileName: 'alert.xml', contents: xml }],
			schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }]
		});
		return r.errors.map((e) => e.message);
	}

	/** The audit log's rows for one target, as the admin sees them: "action" per row. */
	async function audited(target: string): Promise<string[]> {
		const html = await page(await as('admin'), '/admin/audit');
		return html
			.split('<tr')
			.filter((r) => r.includes(`>${target}<`))
			.map((r) => r.match(/<td[^>]*>(warning\.[a-z.-]+|alert\.[a-z]+)/)?.[1] ?? '')
			.filter(Boolean);
	}

	beforeAll(async () => {
		db = await freshDatabase();
		const env = { ...db.env, ...(await mqttEnv()) };
		await seedPrincipals(env);
		// A second supervisor, a drill's mudflow extent and an alarm on it, before the app opens
		// the database (PGlite: one process).
		const d = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
		try {
			await createUser(
				d,
				{ email: SECOND.email, name: 'Second supervisor', role: 'supervisor' },
				SECOND.password
			);
			await d.query(
				`insert into hazard_extent (hazard_id, ts, kind, geometry, exercise)
				values ('hz-drill', now(), 'mudflow', $1::jsonb, $2)`,
				[
					JSON.stringify({
						type: 'Polygon',
						coordinates: [
							[
								[69.77, 37.9],
								[69.79, 37.9],
								[69.79, 37.92],
								[69.77, 37.9]
							]
						]
					}),
					DRILL
				]
			);
			await d.query(
				`insert into alarm_rule (id, name, kind, params, level)
				values ('r-reach', 'Mudflow reaches a school', 'hazard_reaches', '{"targets":["school"]}', 'danger')`
			);
			await d.query(
				`insert into alarm (id, rule_id, subject_kind, subject_id, level, first_seen, last_seen, exercise)
				values ('a-drill', 'r-reach', 'hazard', 'hz-drill', 'danger', now(), now(), $1)`,
				[DRILL]
			);
		} finally {
			await d.close();
		}
		app = await startApp(env);
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('shows an empty list, and refuses a bad form naming the field', async () => {
		const op = await as('operator');
		expect(testId(await page(op, '/console/warnings'), 'warnings-empty')).not.toBe('');
		const base = { ...templateFields('mudflow'), places: 'Kulob' };

		const noHeadline = await op.post('/console/warnings/new?/draft', { ...base, en_headline: ' ' });
		expect(noHeadline.status).toBe(400);
		const h = await noHeadline.text();
		expect(h).toContain('data-field="en_headline"');
		expect(testId(h, 'warning-problem')).toContain('Headline (en)');

		const noPlaces = await op.post('/console/warnings/new?/draft', { ...base, places: ' ' });
		expect(noPlaces.status).toBe(400);
		const p = await noPlaces.text();
		expect(p).toContain('data-field="places"');
		expect(testId(p, 'warning-problem')).toContain('Places');
		// What was typed is kept.
		expect(p).toContain(templateFields('mudflow').ru_instruction.slice(0, 30));

		const unknown = await op.post('/console/warnings/new?/draft', {
			...base,
			places: 'Kulob, Qwxzvbn'
		});
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain('Qwxzvbn');
		expect(testId(await page(op, '/console/warnings'), 'warnings-empty')).not.toBe('');
	});

	it('lets a second supervisor approve what the drafter may not, then issues the CAP', async () => {
		const sup = await as('supervisor');
		const id = await draft(sup, { ...templateFields('mudflow'), places: 'Кулоб, Muminobod' });

		// The drafter sees it waiting for someone else, with no approve button.
		let mine = await page(sup, `/console/warnings/${id}`);
		expect(testId(mine, 'warning-waiting')).toContain('another supervisor');
		expect(mine).not.toContain('data-testid="warning-approve"');
		expect(testId(mine, 'preview-tg-headline')).toContain('Кӯлоб, Мӯъминобод');
		expect(testId(mine, 'preview-ru-headline')).toContain('Куляб, Муминабад');

		// The drafter edits the draft; nobody else may.
		const fields = { ...templateFields('mudflow'), places: 'Kulob, Muminobod' };
		const edited = { ...fields, en_headline: 'Mudflow on the Yakhsu — {area}' };
		expect((await sup.post(`/console/warnings/${id}?/update`, edited)).status).toBe(200);
		const other = await as('supervisor2');
		const notYours = await other.post(`/console/warnings/${id}?/update`, fields);
		expect(notYours.status).toBe(403);

		// The drafter's approval is refused on the server, and nothing is issued.
		const own = await sup.post(`/console/warnings/${id}?/approve`, {});
		expect(own.status).toBe(403);
		expect(testId(await own.text(), 'approve-problem')).toContain('another supervisor');
		// An operator may not approve at all (rules.ts), nor issue.
		expect((await (await as('operator')).post(`/console/warnings/${id}?/approve`, {})).status).toBe(
			403
		);
		expect((await (await as('operator')).post(`/console/warnings/${id}?/issue`, {})).status).toBe(
			403
		);
		mine = await page(sup, `/console/warnings/${id}`);
		expect(mine).not.toContain('data-testid="warning-issued"');
		expect(testId(mine, 'warning-state')).toBe('awaiting approval');

		// Another supervisor opens it; the drafter edits it before they approve: refused, to be
		// read again (the approval names the version it saw).
		const read = await page(other, `/console/warnings/${id}`);
		expect(read).toContain('data-testid="warning-approve"');
		expect(seenOf(read)).not.toBe('');
		expect((await sup.post(`/console/warnings/${id}?/update`, edited)).status).toBe(200);
		const stale = await other.post(`/console/warnings/${id}?/approve`, { seen: seenOf(read) });
		expect(stale.status).toBe(409);
		expect(testId(await stale.text(), 'approve-problem')).toContain('changed since you opened');
		expect((await other.post(`/console/warnings/${id}?/approve`, {})).status).toBe(409);

		// Read again, approved: issued at once through the CAP path.
		const again = await page(other, `/console/warnings/${id}`);
		const approved = await other.post(`/console/warnings/${id}?/approve`, { seen: seenOf(again) });
		expect(approved.status).toBe(200);
		expect(testId(await approved.text(), 'approve-done')).not.toBe('');
		const after = await page(other, `/console/warnings/${id}`);
		expect(testId(after, 'warning-state')).toBe('issued');
		const { xml, alert, exercise } = await issuedCap(after);
		expect(await xsdErrors(xml)).toEqual([]);
		expect(alert.status).toBe('Actual');
		expect(exercise).toBeNull();
		expect(alert.info.map((i) => i.language)).toEqual(['tg', 'ru', 'en']);
		expect(alert.info[2].headline).toBe('Mudflow on the Yakhsu — Kulob, Muminobod');
		expect(alert.info[1].area[0].circles).toHaveLength(2);
		// A second approval changes nothing.
		expect((await other.post(`/console/warnings/${id}?/approve`, {})).status).toBe(409);

		// The list has it among the issued ones.
		const list = await page(sup, '/console/warnings');
		expect(list.split('data-testid="warnings-decided"')[1] ?? '').toContain(id);

		// Each step is audited, the refusal too, and the CAP path's own entry.
		const steps = await audited(id);
		for (const a of [
			'warning.draft',
			'warning.edit',
			'warning.approve-refused',
			'warning.approve',
			'warning.issue'
		])
			expect(steps, a).toContain(a);
	});

	it("refuses an admin's approval of their own draft; a supervisor rejects it with a reason", async () => {
		const admin = await as('admin');
		const id = await draft(admin, { ...templateFields('flood'), places: 'Vose' });
		const own = await admin.post(`/console/warnings/${id}?/approve`, {});
		expect(own.status).toBe(403);
		const sup = await as('supervisor');
		const noReason = await sup.post(`/console/warnings/${id}?/reject`, { reason: ' ' });
		expect(noReason.status).toBe(400);
		expect(testId(await noReason.text(), 'reject-problem')).toContain('Reason');
		expect(
			(await sup.post(`/console/warnings/${id}?/reject`, { reason: 'Wrong village' })).status
		).toBe(200);
		const html = await page(admin, `/console/warnings/${id}`);
		expect(testId(html, 'warning-state')).toBe('rejected');
		expect(testId(html, 'warning-reason')).toContain('Wrong village');
		expect((await sup.post(`/console/warnings/${id}?/approve`, {})).status).toBe(409);
		expect(await audited(id)).toEqual(
			expect.arrayContaining(['warning.draft', 'warning.approve-refused', 'warning.reject'])
		);
	});

	it("is drafted from an alarm and issued as an Exercise in a drill's picture", async () => {
		const op = await as('operator');
		// The alarm proposes the hazard, its extent as the area, and danger's severity.
		const form = await page(op, `/console/warnings/new?exercise=${DRILL}&alarm=a-drill`);
		expect(testId(form, 'warning-alarm')).toContain('Mudflow reaches a school');
		expect(form).toMatch(/<option value="hz-drill"[^>]*selected/);
		expect(form).toMatch(/value="hazard"[^>]*checked/);
		const id = await draft(op, {
			...templateFields('mudflow'),
			alarmId: 'a-drill',
			severity: 'Extreme',
			areaSource: 'hazard',
			hazardId: 'hz-drill',
			areaDesc: 'Tebalay'
		});
		// Not seen in the real picture.
		const sup = await as('supervisor2');
		expect((await sup.get(`/console/warnings/${id}?exercise=real`)).status).toBe(404);
		const html = await page(sup, `/console/warnings/${id}?exercise=${DRILL}`);
		expect(testId(html, 'warning-exercise')).not.toBe('');
		const approved = await sup.post(`/console/warnings/${id}?/approve`, { seen: seenOf(html) });
		expect(approved.status).toBe(200);
		const { xml, alert, exercise } = await issuedCap(await page(sup, `/console/warnings/${id}`));
		expect(await xsdErrors(xml)).toEqual([]);
		expect(alert.status).toBe('Exercise');
		expect(exercise).toBe(DRILL);
		expect(alert.info.map((i) => i.language)).toEqual(['tg', 'ru', 'en']);
		expect(alert.info[0].severity).toBe('Extreme');
		expect(alert.info[0].area[0].polygons).toHaveLength(1);
		expect(alert.info[1].headline).toBe('Угроза селя — Tebalay');
		expect(await audited(id)).toEqual(
			expect.arrayContaining(['warning.draft', 'warning.approve', 'warning.issue'])
		);
	});
});
