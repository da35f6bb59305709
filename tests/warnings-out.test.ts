import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsLength } from '$lib/sms/segments';
import { openDatabase, type Database } from '../src/lib/server/db';
import { enqueueWarning, PENDING_ROUTING } from '../src/lib/server/warnings/out/fanout';
import { markIssued, readWarning } from '../src/lib/server/warnings/store';
import { templateFields } from '../src/lib/server/warnings/prefill';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { launch, watch } from './helpers/browser';
import { FormClient, testId } from './helpers/client';

const DRILL = 'drill-out';
/** Screenshots for a person to look at, when SHOTS_DIR names a folder. */
const SHOTS = process.env.SHOTS_DIR;

const KULOB: GeoJSON.Point = { type: 'Point', coordinates: [69.7845, 37.9146] };
const KULOB_BLOCK: GeoJSON.Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[69.785, 37.915],
			[69.795, 37.915],
			[69.795, 37.925],
			[69.785, 37.925],
			[69.785, 37.915]
		]
	]
};
const DUSHANBE: GeoJSON.Point = { type: 'Point', coordinates: [68.7791, 38.5598] };

interface Seed {
	id: string;
	lang: string;
	phone?: string;
	chat?: string;
	email?: string;
	area: GeoJSON.Geometry;
	test?: boolean;
	active?: boolean;
}
/** Contacts in Kulob and elsewhere, real and a drill's test ones, one inactive. */
const CONTACTS: Seed[] = [
	{
		id: 'c-k1',
		lang: 'tg',
		phone: '+992931000001',
		chat: '5001',
		email: 'k1@test.tj',
		area: KULOB
	},
	{ id: 'c-k2', lang: 'ru', phone: '+992931000002', area: KULOB },
	{ id: 'c-k3', lang: 'en', chat: '5003', email: 'k3@test.tj', area: KULOB_BLOCK },
	{ id: 'c-k4', lang: 'tg', phone: '+992931000004', area: KULOB, active: false },
	{ id: 'c-far', lang: 'tg', phone: '+992931000005', email: 'far@test.tj', area: DUSHANBE },
	{ id: 'c-x1', lang: 'tg', phone: '+992931000011', chat: '5011', area: KULOB, test: true },
	{ id: 'c-x2', lang: 'ru', email: 'x2@test.tj', area: KULOB_BLOCK, test: true },
	{ id: 'c-x3', lang: 'en', phone: '+992931000013', area: KULOB, test: true },
	{ id: 'c-xfar', lang: 'en', phone: '+992931000014', area: DUSHANBE, test: true }
];
/** The rows each warning must have: contact → channels (no channel configured: SMS on the gateway, failed). */
const REAL_ROWS = {
	'c-k1': ['sms_gateway', 'telegram', 'email'],
	'c-k2': ['sms_gateway'],
	'c-k3': ['telegram', 'email']
};
const DRILL_ROWS = {
	'c-x1': ['sms_gateway', 'telegram'],
	'c-x2': ['email'],
	'c-x3': ['sms_gateway']
};
const EXERCISE = { tg: 'МАШҚ', ru: 'УЧЕНИЯ', en: 'EXERCISE' } as Record<string, string>;

interface OutRow {
	key: string;
	contactId: string;
	channel: string;
	address: string;
	lang: string;
	subject: string | null;
	body: string;
	status: string;
	exercise: string | null;
	attempts: number;
}

/**
 * An issued warning reaches people (#17): through the running app as people use it, a warning
 * over Kulob is drafted, shown with its SMS and their segment counts and its reach, approved and
 * issued; the outbox then holds one row per contact in Kulob and per address, in the contact's
 * language, written with the issue. A drill's warning goes only to the drill's test contacts,
 * EXERCISE first. After issue the page shows per-channel progress, live, and a supervisor resends
 * the failed ones; the sitrep lists the warnings and their reach.
 */
describe(`warnings out to the contacts, on ${BACKEND}`, { timeout: 300_000 }, () => {
	let db: TestDatabase;
	let env: Record<string, string>;
	let app: RunningApp;
	const clients = new Map<string, FormClient>();
	const ids = { kulob: '', drill: '', draft: '' };

	async function as(who: 'operator' | 'supervisor' | 'admin', picture = 'real') {
		const name = `${who}:${picture}`;
		let c = clients.get(name);
		if (!c) {
			c = new FormClient(app.url);
			const u = app.auth.users[who];
			await c.signIn(u.email, u.password);
			// The picture is remembered per browser (a cookie), as the console does.
			expect((await c.get(`/console/warnings?exercise=${picture}`)).status).toBe(200);
			clients.set(name, c);
		}
		return c;
	}
	const page = async (c: FormClient, path: string) => (await c.get(path)).text();
	const seenOf = (html: string) => /name="seen" value="(\d+)"/.exec(html)?.[1] ?? '';

	async function draft(c: FormClient, fields: Record<string, string>): Promise<string> {
		const r = await c.post('/console/warnings/new?/draft', fields);
		expect(r.status, await r.clone().text()).toBe(303);
		return r.headers.get('location')?.match(/(w-[0-9a-f]+)$/)?.[1] ?? '';
	}

	/** Stops the app and works on its database (PGlite: one process at a time), then restarts it. */
	async function offline<T>(fn: (d: Database) => Promise<T>): Promise<T> {
		await app.kill('SIGTERM');
		clients.clear();
		const d = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
		try {
			return await fn(d);
		} finally {
			await d.close();
			app = await startApp(env);
		}
	}
	const rowsOf = (d: Database, id: string) =>
		d.query<OutRow>(
			`select key, contact_id as "contactId", channel, address, lang, subject, body, status,
				exercise, attempts from outbox where source_kind = 'warning' and source_id = $1
			order by key`,
			[id]
		);
	const expectedKeys = (id: string, rows: Record<string, string[]>) =>
		Object.entries(rows)
			.flatMap(([c, chs]) => chs.map((ch) => `warning:${id}:${c}:${ch}`))
			.sort();

	beforeAll(async () => {
		db = await freshDatabase();
		env = { ...db.env, ...(await mqttEnv()) };
		const d = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
		try {
			await d.migrate(join(import.meta.dirname, '..', 'drizzle'));
			for (const c of CONTACTS)
				await d.query(
					`insert into contact (id, name, lang, phone, telegram_chat_id, email, area_kind,
						area_label, area, exercise_test, active)
					values ($1, $2, $3, $4, $5, $6, 'polygon', 'test', ($7::text)::jsonb, $8, $9)`,
					[
						c.id,
						`Contact ${c.id}`,
						c.lang,
						c.phone ?? null,
						c.chat ?? null,
						c.email ?? null,
						JSON.stringify(c.area),
						c.test ?? false,
						c.active ?? true
					]
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

	it("shows each language's SMS with its length and segments, and the reach, before approval", async () => {
		ids.kulob = await draft(await as('operator'), {
			...templateFields('mudflow'),
			places: 'Kulob'
		});
		const sup = await as('supervisor');
		const html = await page(sup, `/console/warnings/${ids.kulob}`);
		for (const lang of ['tg', 'ru', 'en']) {
			const cells = html.match(
				new RegExp(`data-testid="warnout-sms-${lang}"[\\s\\S]*?<td lang="${lang}"[^>]*>([^<]*)<`)
			);
			const sms = (cells?.[1] ?? '')
				.replace(/&quot;/g, '"')
				.replace(/&#39;/g, "'")
				.replace(/&amp;/g, '&');
			expect(sms, lang).not.toBe('');
			const n = smsLength(sms);
			expect(testId(html, `warnout-sms-${lang}-chars`)).toBe(String([...sms].length));
			expect(testId(html, `warnout-sms-${lang}-segments`)).toBe(String(n.segments));
			expect(testId(html, `warnout-sms-${lang}-encoding`)).toBe(lang === 'en' ? 'GSM-7' : 'UCS-2');
			expect(n.segments).toBeLessThanOrEqual(3);
		}
		expect(html).toContain('Хатари сел - Кӯлоб. Фавран аз мачрои дарё');
		expect(testId(html, 'warnout-reach-contacts')).toContain('3 contacts');
		for (const ch of ['sms_gateway', 'telegram', 'email'])
			expect(testId(html, `warnout-reach-${ch}`), ch).toContain('2 addresses');

		const approved = await sup.post(`/console/warnings/${ids.kulob}?/approve`, {
			seen: seenOf(html)
		});
		expect(approved.status).toBe(200);
		const after = await page(sup, `/console/warnings/${ids.kulob}`);
		expect(testId(after, 'warning-state')).toBe('issued');
		expect(after).not.toContain('data-testid="warnout-sms"');
		for (const ch of ['sms_gateway', 'telegram', 'email'])
			// This app has no channel configured: each address is written failed with the reason.
			expect(testId(after, `warnout-${ch}-failed`), ch).toBe('2');
	});

	it("sends a drill's warning only to the drill's test contacts, EXERCISE first", async () => {
		ids.drill = await draft(await as('operator', DRILL), {
			...templateFields('flood'),
			places: 'Kulob'
		});
		const sup = await as('supervisor', DRILL);
		const html = await page(sup, `/console/warnings/${ids.drill}`);
		expect(html).toContain('МАШҚ: Хатари обхезӣ - Кӯлоб.');
		expect(html).toContain('УЧЕНИЯ: Угроза наводнения - Куляб.');
		expect(testId(html, 'warnout-reach-contacts')).toContain('3 contacts');
		const r = await sup.post(`/console/warnings/${ids.drill}?/approve`, { seen: seenOf(html) });
		expect(r.status).toBe(200);
		const after = await page(sup, `/console/warnings/${ids.drill}`);
		expect(testId(after, 'warnout-sms_gateway-failed')).toBe('2');
		expect(testId(after, 'warnout-email-failed')).toBe('1');
		// Not in the real picture.
		expect((await (await as('supervisor')).get(`/console/warnings/${ids.drill}`)).status).toBe(404);
	});

	it("holds exactly the area's contacts × their channels, in their language, written with the issue", async () => {
		await offline(async (d) => {
			const real = await rowsOf(d, ids.kulob);
			expect(real.map((r) => r.key)).toEqual(expectedKeys(ids.kulob, REAL_ROWS));
			const langOf = Object.fromEntries(CONTACTS.map((c) => [c.id, c.lang]));
			for (const r of real) {
				expect(r.lang, r.key).toBe(langOf[r.contactId]);
				expect(r.status).toBe('failed');
				expect(r.exercise).toBeNull();
				if (r.channel === 'sms_gateway') {
					expect(smsLength(r.body).segments, r.body).toBeLessThanOrEqual(3);
					expect(r.body).not.toContain('\n');
				} else {
					// The full text: headline, description, instruction, area and expiry with UTC.
					expect(r.body.split('\n\n').length, r.body).toBe(4);
					expect(r.body).toMatch(/\(\d\d:\d\d UTC\)$/);
				}
				expect(r.subject !== null).toBe(r.channel === 'email');
			}
			const k1 = real.filter((r) => r.contactId === 'c-k1');
			expect(k1.find((r) => r.channel === 'sms_gateway')?.body).toMatch(
				/^Хатари сел - Кӯлоб\. Фавран аз мачрои дарё/
			);
			expect(k1.find((r) => r.channel === 'telegram')?.body).toContain('Минтақа: Кӯлоб\nТо: ');
			expect(k1.find((r) => r.channel === 'email')?.subject).toBe('Хатари сел — Кӯлоб');
			expect(real.find((r) => r.contactId === 'c-k2')?.body).toMatch(/^Угроза селя - Куляб\. /);
			expect(real.find((r) => r.key.endsWith('c-k3:email'))?.subject).toBe(
				'Mudflow warning — Kulob'
			);
			expect(real.find((r) => r.key.endsWith('c-k1:sms_gateway'))?.address).toBe('+992931000001');

			const drill = await rowsOf(d, ids.drill);
			expect(drill.map((r) => r.key)).toEqual(expectedKeys(ids.drill, DRILL_ROWS));
			for (const r of drill) {
				expect(r.exercise).toBe(DRILL);
				expect(r.lang).toBe(langOf[r.contactId]);
				expect(r.body.startsWith(EXERCISE[r.lang]), r.body).toBe(true);
				if (r.subject) expect(r.subject.startsWith(`${EXERCISE[r.lang]}: `)).toBe(true);
			}

			// The audit entry counts the messages written with it.
			const [audit] = await d.query<{ detail: unknown }>(
				`select detail from audit_log where action = 'warning.issue' and target = $1`,
				[ids.kulob]
			);
			const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
			expect(detail).toMatchObject({ messages: 6 });

			// The messages are written in the transaction that marks the warning issued: a failure
			// after they are written leaves neither the issue nor a message.
			const w = await readWarning(d, ids.kulob);
			await d.query(
				`insert into warning (id, status, hazard, severity, urgency, certainty, texts, area_desc,
					area, places, expires_at, drafted_by, drafted_at, decided_by, decided_at, updated_at)
				select 'w-inject', 'approved', hazard, severity, urgency, certainty, texts, area_desc,
					area, places, expires_at, drafted_by, drafted_at, decided_by, decided_at, now()
				from warning where id = $1`,
				[ids.kulob]
			);
			const actor = { audit: 'supervisor@test.example.org', address: null };
			let written = 0;
			await expect(
				markIssued(d, 'w-inject', 'alert-inject', actor, new Date(), async (tx, issued) => {
					written = await enqueueWarning(tx, issued, { routing: PENDING_ROUTING, createdBy: 'x' });
					throw new Error('injected after the messages were written');
				})
			).rejects.toThrow('injected');
			expect(written).toBe(6);
			expect(await rowsOf(d, 'w-inject')).toEqual([]);
			expect((await readWarning(d, 'w-inject'))?.status).toBe('approved');
			expect(w?.status).toBe('issued');

			// What a sender would make of them: two SMS failed, a Telegram delivered, an email unknown,
			// and two waiting in the queue.
			await d.query(
				`update outbox set status = 'queued', last_error = null
				where source_id = $1 and channel <> 'sms_gateway'`,
				[ids.kulob]
			);
			await d.query(
				`update outbox set status = 'failed', attempts = 5, last_error = 'gateway answered 500'
				where source_id = $1 and channel = 'sms_gateway'`,
				[ids.kulob]
			);
			await d.query(`update outbox set status = 'delivered' where key = $1`, [
				`warning:${ids.kulob}:c-k1:telegram`
			]);
			await d.query(
				`update outbox set status = 'unknown', last_error = 'the app stopped while sending'
				where key = $1`,
				[`warning:${ids.kulob}:c-k3:email`]
			);
		});
	});

	it('shows progress per channel live, the failed with reasons, and resends them', async () => {
		const browser = await launch();
		try {
			const ctx = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
			const p = await ctx.newPage();
			const seen = watch(p, app.url);
			await signIn(p, 'en');
			await p.goto(`${app.url}/console/warnings/${ids.kulob}?exercise=real`);
			await p.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			const cell = (ch: string, s: string) => p.getByTestId(`warnout-${ch}-${s}`);
			expect(await cell('sms_gateway', 'failed').textContent()).toBe('2');
			expect(await cell('telegram', 'delivered').textContent()).toBe('1');
			expect(await cell('email', 'unknown').textContent()).toBe('1');
			const problems = await p.getByTestId('warnout-problems').textContent();
			expect(problems).toContain('gateway answered 500');
			expect(problems).toContain('the app stopped while sending');
			expect(problems).toContain('Contact c-k2');
			await shot(p, 'issued-en-failed');

			// An operator may not resend; a supervisor may (another session of theirs, as another tab).
			const op = await as('operator');
			expect((await op.post(`/console/warnings/${ids.kulob}?/resend`, {})).status).toBe(403);
			const sup = await as('supervisor');
			const r = await sup.post(`/console/warnings/${ids.kulob}?/resend`, {});
			expect(r.status).toBe(200);
			expect(testId(await r.text(), 'warnout-resend-done')).toBe('Queued again: 2');

			// The open page follows without a reload.
			await p.waitForFunction(
				() =>
					document.querySelector('[data-testid="warnout-sms_gateway-queued"]')?.textContent === '2',
				undefined,
				{ timeout: 30_000 }
			);
			expect(await cell('sms_gateway', 'failed').textContent()).toBe('0');
			expect(await cell('email', 'unknown').textContent()).toBe('1');
			await shot(p, 'issued-en-requeued');

			await p.goto(`${app.url}/console/warnings/${ids.kulob}?lang=tg`);
			await p.getByTestId('warnout-progress').waitFor();
			expect(await p.getByTestId('warnout-progress').textContent()).toContain('Дар навбат');
			await shot(p, 'issued-tg');

			// A draft's SMS and reach, as the approver reads them, in both languages.
			ids.draft = await draft(op, { ...templateFields('flood'), places: 'Kulob' });
			for (const lang of ['en', 'tg']) {
				await p.goto(`${app.url}/console/warnings/${ids.draft}?lang=${lang}`);
				await p.getByTestId('warnout-sms').waitFor();
				await shot(p, `draft-${lang}`);
			}
			expect(await p.getByTestId('warnout-sms-tg-encoding').textContent()).toBe('UCS-2');
			await p.goto(`${app.url}/console/sitrep?lang=en`);
			await p.getByTestId('sitrep-warnings').waitFor();
			await shot(p, 'sitrep-en');
			expect(seen.errors).toEqual([]);
			expect(seen.foreign).toEqual([]);
		} finally {
			await browser.close();
		}

		async function signIn(p: Page, lang: string) {
			await p.goto(`${app.url}/login?lang=${lang}`);
			await p.fill('input[name=email]', app.auth.users.supervisor.email);
			await p.fill('input[name=password]', app.auth.users.supervisor.password);
			await Promise.all([p.waitForURL(`${app.url}/`), p.click('button.primary')]);
		}
	});

	it('lists the warnings issued in the period with their reach in the sitrep', async () => {
		const op = await as('operator');
		const html = await page(op, '/console/sitrep?hours=24');
		const section = html.split('data-testid="sitrep-warnings"')[1] ?? '';
		expect(section).toContain(`sitrep-warning-${ids.kulob}-sms_gateway`);
		expect(testId(section, `sitrep-warning-${ids.kulob}-contacts`)).toBe('3');
		expect(section).toContain('Mudflow warning — Kulob');
		expect(section).not.toContain(ids.drill);
		expect(section).not.toContain(ids.draft);
		const drill = await page(await as('operator', DRILL), `/console/sitrep?hours=24`);
		const d = drill.split('data-testid="sitrep-warnings"')[1] ?? '';
		expect(d).toContain(`sitrep-warning-${ids.drill}-email`);
		expect(d).not.toContain(ids.kulob);
	});

	it('requeues only the failed, due now, and audits the resend', async () => {
		await offline(async (d) => {
			const rows = await rowsOf(d, ids.kulob);
			const by = Object.fromEntries(rows.map((r) => [r.key.split(':').slice(2).join(':'), r]));
			expect(by['c-k1:sms_gateway']).toMatchObject({ status: 'queued', attempts: 0 });
			expect(by['c-k2:sms_gateway']).toMatchObject({ status: 'queued', attempts: 0 });
			expect(by['c-k3:email'].status).toBe('unknown');
			expect(by['c-k1:telegram'].status).toBe('delivered');
			const [due] = await d.query<{ n: number }>(
				`select count(*)::int as n from outbox where source_id = $1 and status = 'queued'
					and next_attempt_at <= now()`,
				[ids.kulob]
			);
			expect(due.n).toBe(4);
			const audits = await d.query<{ actor: string; detail: unknown }>(
				`select actor, detail from audit_log where action = 'outbox.resend' and target = $1`,
				[ids.kulob]
			);
			expect(audits).toHaveLength(1);
			expect(audits[0].actor).toBe('supervisor@test.example.org');
			const detail =
				typeof audits[0].detail === 'string' ? JSON.parse(audits[0].detail) : audits[0].detail;
			expect(detail).toMatchObject({ kind: 'warning', requeued: 2, byChannel: { sms_gateway: 2 } });
		});
	});

	async function shot(p: Page, name: string) {
		if (!SHOTS) return;
		mkdirSync(SHOTS, { recursive: true });
		await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
	}
});
