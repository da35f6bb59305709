import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSender, contactsInArea } from '../src/lib/server/contacts/query';
import { openDatabase } from '../src/lib/server/db';
import type { Database } from '../src/lib/server/db/types';
import { placesArea, resolvePlace } from '../src/lib/server/warnings/area';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { launch } from './helpers/browser';
import { FormClient, testId } from './helpers/client';

/**
 * The contact directory through the running app (/console/contacts): a CSV with 6 good and 6 bad
 * rows names the 6 bad lines with their reasons and stores nothing; "skip the bad ones" stores the
 * 6 good. An operator's page (and its data) holds masked channels only; an admin's holds the full
 * ones and is audited, as the admin-only export is, which the import takes back. Then, on the
 * stored rows: a warning area round Kulob finds the Kulob contacts and not the Dushanbe one, and
 * a sender is known by number and by chat id.
 */
const PAGE = '/console/contacts';
const SHOTS = '/tmp/contacts';
const HEADER = 'id,name,role,lang,phone,telegram_chat_id,email,groups,area,team,exercise_test';
const FILE = [
	HEADER,
	'kl-fp-1,Focal point Kulob,Focal point,tg,+992 90 000 1001,,,focal_point,Kulob,,',
	'kl-vh-1,Village head,Head,tg,0900001002,,,village_head,Куляб,,',
	'kl-sch-1,School No. 1,Director,ru,,,school1@example.org,school,Кӯлоб,,',
	'bad-phone,Bad phone,,tg,12-34,,,school,Kulob,,',
	'bad-lang,Bad language,,de,+992900001005,,,school,Kulob,,',
	'bad-area,Bad area,,tg,+992900001006,,,school,Atlantisabad,,',
	'bad-none,No channel,,tg,,,,school,Kulob,,',
	'bad-mail,Bad mail,,tg,,,school@,school,Kulob,,',
	'kl-fp-1,Twice,,tg,+992900001009,,,focal_point,Kulob,,',
	'du-fp-1,Focal point Dushanbe,Focal point,tg,+992 90 000 2001,,,focal_point,Dushanbe,,',
	'kl-tl-1,Team leader,Leader,en,,555000111,,team_leader,Kulob,rescue-1,',
	'kl-test-1,Drill test contact,,tg,+992900009001,,,focal_point,Kulob,,yes'
].join('\r\n');
/** Full values that only an admin may ever receive. */
const FULL = ['+992900001001', '900001001', '555000111', 'school1@example.org', '+992900002001'];

async function seed(env: Record<string, string>) {
	const db = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
	try {
		await db.migrate(join(ROOT, 'drizzle'));
		await db.query(`insert into team (id, callsign, kind, status) values
			('rescue-1', 'Rescue 1', 'rescue', 'available')`);
	} finally {
		await db.close();
	}
}

describe(`the contact directory, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	const who: Record<'operator' | 'supervisor' | 'admin' | 'viewer', FormClient> = {} as never;

	const upload = (as: FormClient, csv: string, extra: Record<string, string> = {}) =>
		as.postFile(`${PAGE}?/import&lang=en`, 'contacts.csv', csv, extra);
	const total = async () => {
		const html = await (await who.operator.get(`${PAGE}?lang=en`)).text();
		return Number(html.match(/data-testid="contacts-count"[^>]*data-total="(\d+)"/)?.[1] ?? 0);
	};

	beforeAll(async () => {
		db = await freshDatabase();
		await seed(db.env);
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		for (const role of ['operator', 'supervisor', 'admin', 'viewer'] as const) {
			who[role] = new FormClient(app.url);
			await who[role].signIn(app.auth.users[role].email, app.auth.users[role].password);
		}
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('refuses the page to a viewer, and the writes to an operator', async () => {
		expect((await who.viewer.get(PAGE)).status).toBe(403);
		const empty = await (await who.operator.get(`${PAGE}?lang=en`)).text();
		expect(testId(empty, 'contacts-empty')).toContain('A supervisor or an admin adds them');
		expect(empty).not.toContain('data-testid="contact-form"');
		expect((await upload(who.operator, FILE)).status).toBe(403);
		const add = await who.operator.post(`${PAGE}?/save`, {
			isNew: '1',
			id: 'op-1',
			name: 'X',
			phone: '931234567',
			area: 'Kulob'
		});
		expect(add.status).toBe(403);
		expect(await total()).toBe(0);
	});

	it('names the 6 bad lines with their reasons and stores nothing, then takes the 6 good rows knowingly', async () => {
		const refused = await upload(who.supervisor, FILE);
		expect(refused.status).toBe(400);
		const html = await refused.text();
		const bad = html.slice(html.indexOf('data-testid="import-bad"'));
		const lines = [...bad.matchAll(/data-line="(\d+)"[^>]*>([\s\S]*?)<\/li>/g)].map((x) => [
			Number(x[1]),
			x[2].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
		]);
		expect(lines.map(([l]) => l)).toEqual([5, 6, 7, 8, 9, 10]);
		expect(lines[0][1]).toMatch(/bad-phone.*phone.*“12-34” is not a phone number/);
		expect(lines[1][1]).toMatch(/bad-lang.*lang.*unknown language “de”/);
		expect(lines[2][1]).toMatch(/bad-area.*area.*unknown district or jamoat “Atlantisabad”/);
		expect(lines[3][1]).toMatch(/bad-none.*phone.*no channel at all/);
		expect(lines[4][1]).toMatch(/bad-mail.*email.*“school@” is not an email address/);
		expect(lines[5][1]).toMatch(/kl-fp-1.*id.*the same id as line 2/);
		expect(testId(html, 'import-counts')).toMatch(/6 good rows.*6 bad.*Nothing was stored/);
		expect(await total()).toBe(0);

		// Counts other than those shown (another file) are checked again, not taken.
		expect((await upload(who.supervisor, FILE, { skipBad: '1', expect: '7/5' })).status).toBe(400);
		expect(await total()).toBe(0);
		const taken = await upload(who.supervisor, FILE, { skipBad: '1', expect: '6/6' });
		expect(taken.status).toBe(200);
		expect(testId(await taken.text(), 'import-done')).toMatch(/6 added, 0 updated, 6 bad rows/);
		expect(await total()).toBe(6);
	});

	it('keeps a channel a supervisor leaves empty when editing, and deactivates', async () => {
		const edited = await who.supervisor.post(`${PAGE}?/save&lang=en`, {
			isNew: '0',
			id: 'kl-fp-1',
			name: 'Focal point Kulob (edited)',
			lang: 'ru',
			phone: '',
			groups: 'focal_point',
			area: 'Kulob'
		});
		expect(edited.status).toBe(200);
		const noChannel = await who.supervisor.post(`${PAGE}?/save&lang=en`, {
			isNew: '0',
			id: 'kl-fp-1',
			name: 'Focal point Kulob',
			phone: '-',
			area: 'Kulob'
		});
		expect(noChannel.status).toBe(400);
		expect(testId(await noChannel.text(), 'problem-phone')).toContain('no channel at all');
		const off = await who.supervisor.post(`${PAGE}?/active&lang=en`, {
			id: 'kl-vh-1',
			active: '0'
		});
		expect(off.status).toBe(200);
		expect(testId(await off.text(), 'contact-active')).toContain('kl-vh-1 is deactivated');
	});

	it('sends an operator masked channels only, in the page and in its data; an admin the full ones, audited', async () => {
		for (const path of [`${PAGE}?lang=en`, `${PAGE}/__data.json`, `${PAGE}?edit=kl-fp-1`]) {
			const body = await (await who.operator.get(path)).text();
			expect(body, path).toContain('+992 ••• ••• •01');
			for (const full of FULL) expect(body, `${path}: ${full}`).not.toContain(full);
		}
		// A supervisor writes, but does not see the numbers either; the edit form leaves them empty.
		const sup = await (await who.supervisor.get(`${PAGE}?edit=kl-fp-1&lang=en`)).text();
		for (const full of FULL) expect(sup).not.toContain(full);
		expect(sup).toContain('Now +992 ••• ••• •01');

		const admin = await (await who.admin.get(`${PAGE}?lang=en`)).text();
		for (const full of FULL) expect(admin).toContain(full);
		expect(testId(admin, 'contacts-privacy')).toContain('recorded in the audit log');
	});

	it('exports contacts.csv to an admin only, audited, and takes it back unchanged', async () => {
		for (const role of ['operator', 'supervisor', 'viewer'] as const)
			expect((await who[role].get(`${PAGE}/contacts.csv`)).status, role).toBe(403);
		expect((await new FormClient(app.url).get(`${PAGE}/contacts.csv`)).status).not.toBe(200);
		const r = await who.admin.get(`${PAGE}/contacts.csv`);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-disposition')).toContain('contacts.csv');
		const csv = await r.text();
		expect(csv.split('\r\n')).toHaveLength(6 + 2);
		expect(csv).toContain('kl-tl-1,Team leader,Leader,,en,,555000111,,team_leader,district,Kulob,');
		const back = await upload(who.admin, csv);
		expect(back.status).toBe(200);
		expect(testId(await back.text(), 'import-done')).toMatch(/0 added, 6 updated, 0 bad rows/);
	});

	it('shows an operator masked numbers in Chromium, and an admin the full ones (screenshots tg, ru)', async () => {
		mkdirSync(SHOTS, { recursive: true });
		const browser = await launch();
		try {
			const open = async (as: FormClient, lang: string) => {
				const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
				await context.addCookies(
					[...as.cookies].map(([name, value]) => ({ name, value, url: app.url }))
				);
				const page = await context.newPage();
				const bodies: string[] = [];
				page.on('response', async (res) => {
					if (res.url().startsWith(app.url)) bodies.push(await res.text().catch(() => ''));
				});
				await page.goto(`${app.url}${PAGE}?lang=${lang}`);
				await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
				return { page, bodies };
			};
			const texts = async (page: Page) =>
				page.locator('[data-contact="kl-fp-1"] [data-channel="phone"] .addr').innerText();

			for (const lang of ['tg', 'ru']) {
				const { page, bodies } = await open(who.operator, lang);
				expect(await texts(page)).toBe('+992 ••• ••• •01');
				expect(
					await page.locator('[data-contact="kl-tl-1"] [data-channel="chat"] .addr').innerText()
				).toBe('•••••••11');
				await page.screenshot({ path: join(SHOTS, `operator-${lang}.png`), fullPage: true });
				// A client-side navigation (the filter) fetches the page data again: masked too.
				await page.locator('[data-testid="contacts-filter"] input[name="q"]').fill('Kulob');
				await page.locator('[data-testid="contacts-filter"] button').click();
				await page.waitForURL(/q=Kulob/);
				const everything = [await page.content(), ...bodies].join('\n');
				expect(bodies.some((b) => b.includes('•••'))).toBe(true);
				for (const full of FULL) expect(everything, full).not.toContain(full);
				await page.context().close();
			}
			const { page } = await open(who.admin, 'tg');
			expect(await texts(page)).toBe('+992900001001');
			await page.screenshot({ path: join(SHOTS, 'admin-tg.png'), fullPage: true });
			await page.context().close();

			// A supervisor's import of a file with bad rows, as the page shows it (with JavaScript).
			for (const lang of ['tg', 'ru']) {
				const { page } = await open(who.supervisor, lang);
				await page.locator('[data-testid="import-form"] input[type="file"]').setInputFiles({
					name: 'contacts.csv',
					mimeType: 'text/csv',
					buffer: Buffer.from(FILE)
				});
				await page.locator('[data-testid="import-form"] button[type="submit"]').click();
				await expect.poll(() => page.locator('[data-testid="import-bad"] li').count()).toBe(6);
				expect(await page.locator('[data-testid="skip-bad"]').count()).toBe(1);
				await page
					.locator('[data-testid="import-problem"]')
					.screenshot({ path: join(SHOTS, `import-${lang}.png`) });
				await page.context().close();
			}
		} finally {
			await browser.close();
		}
	});

	describe('on the stored rows (the app stopped: PGlite is one process)', () => {
		let q: Database;
		beforeAll(async () => {
			await app.kill('SIGTERM');
			q = await openDatabase({ DATABASE_URL: db.env.DATABASE_URL, PGLITE_DIR: db.env.PGLITE_DIR });
		});
		afterAll(async () => {
			await q?.close();
		});

		it('finds the Kulob contacts for a warning around Kulob, not the Dushanbe one', async () => {
			const bbox: [number, number, number, number] = [69.5, 37.7, 70.2, 38.2];
			const around = (name: string) => placesArea([resolvePlace(name, bbox)!], 5);
			const ids = async (area: GeoJSON.MultiPolygon, exerciseTest = false) =>
				(await contactsInArea(q, area, { exerciseTest })).map((c) => c.id);
			// kl-vh-1 is deactivated; kl-test-1 is a drill's only.
			expect(await ids(around('Kulob'))).toEqual(['kl-fp-1', 'kl-sch-1', 'kl-tl-1']);
			expect(await ids(around('Kulob'), true)).toEqual(['kl-test-1']);
			expect(await ids(around('Dushanbe'))).toEqual(['du-fp-1']);
		});

		it('knows a sender by number and by chat id, and nobody else', async () => {
			expect(await findSender(q, 'sms_gateway', '+992900001001')).toMatchObject({
				contactId: 'kl-fp-1',
				lang: 'ru'
			});
			expect(await findSender(q, 'telegram', '555000111')).toMatchObject({
				contactId: 'kl-tl-1',
				teamId: 'rescue-1'
			});
			expect((await findSender(q, 'smpp', '+992900009999')).contactId).toBeNull();
		});

		it('audited the imports, the admin views and the one export, by whom', async () => {
			const rows = await q.query<{ action: string; actor: string }>(
				`select action, actor from audit_log where action like 'contact.%' order by id`
			);
			const of = (a: string) => rows.filter((r) => r.action === a).map((r) => r.actor);
			const [op, sup, adm] = ['operator', 'supervisor', 'admin'].map(
				(r) => `${r}@test.example.org`
			);
			expect(of('contact.import-refused')).toEqual([sup, sup, sup, sup]);
			expect(of('contact.import')).toEqual([sup, adm]);
			expect(of('contact.export')).toEqual([adm]);
			expect(of('contact.view-full').length).toBeGreaterThanOrEqual(2);
			expect(new Set(of('contact.view-full'))).toEqual(new Set([adm]));
			expect(of('contact.edit')).toEqual([sup]);
			expect(of('contact.deactivate')).toEqual([sup]);
			// The operator's refusals were the hook's (rules.ts), before any action ran.
			expect(of('contact.form-refused')).toEqual([sup]);
			expect(rows.some((r) => r.actor === op)).toBe(false);
		});
	});

	it('seeds the demo directory into a demo database, its numbers masked to an operator', async () => {
		const demoDb = await freshDatabase();
		const demo = await startApp({ ...demoDb.env, ...(await mqttEnv()), EOC_SEED: 'demo' });
		try {
			const op = new FormClient(demo.url);
			await op.signIn(demo.auth.users.operator.email, demo.auth.users.operator.password);
			const html = await (await op.get(`${PAGE}?lang=en`)).text();
			expect(html).toMatch(/data-testid="contacts-count"[^>]*data-total="12"/);
			expect(html).toContain('Demo focal point, jamoat Dahana');
			expect(html).toContain('+992 ••• ••• •01');
			expect(html).not.toContain('+992900000101');
		} finally {
			await demo.kill('SIGTERM');
			await demoDb.drop();
		}
	});
});
