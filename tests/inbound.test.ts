import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleOrder } from '$lib/console/queue';
import { reportIncidentId } from '$lib/contracts/incident-id';
import type { IncidentView } from '$lib/live/types';
import { openDatabase } from '../src/lib/server/db';
import type { Queryable } from '../src/lib/server/db/types';
import { assignTeam } from '../src/lib/server/console/incidents';
import { readIncidents } from '../src/lib/server/entities/incident/read';
import { readTeams } from '../src/lib/server/entities/team/read';
import type { LiveMessage } from '../src/lib/server/live/hub';
import type { Incoming } from '../src/lib/server/messaging/channel';
import { createSmsGateway } from '../src/lib/server/messaging/channels/sms-gateway';
import { handleIncoming, type InboundDeps } from '../src/lib/server/messaging/inbound/handle';
import { ROOT } from './helpers/app';
import { BACKEND } from './helpers/backend';
import { FormClient } from './helpers/client';
import { startGateway, webhookReceiver } from './helpers/messaging';
import { startInProcess, count, type InProcess } from './helpers/inprocess';
import { waitFor } from './helpers/ports';
import { useWallApp } from './helpers/wall';

const silent = pino({ level: 'silent' });
const KULOB_POINT = { type: 'Point', coordinates: [69.78, 37.91] };
const SMS_GATEWAY = { configured: new Set(['sms_gateway'] as const), smppPrefixes: [] };

/** A contact as the directory holds one (the contacts' own screens are not used here). */
async function addContact(
	q: Queryable,
	c: { id: string; name: string; lang: string; phone: string; teamId?: string; groups?: string[] }
) {
	await q.query(
		`insert into contact (id, name, lang, phone, groups, area_kind, area_label, area, team_id)
		values ($1, $2, $3, $4, ($5::text)::jsonb, 'district', 'Kulob', ($6::text)::jsonb, $7)`,
		[
			c.id,
			c.name,
			c.lang,
			c.phone,
			JSON.stringify(c.groups ?? []),
			JSON.stringify(KULOB_POINT),
			c.teamId ?? null
		]
	);
}

const open = (env: Record<string, string>) =>
	openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR ?? './data/pglite' });

const sms = (externalId: string, address: string, text: string, channel = 'sms_gateway') =>
	({ channel, externalId, address, text, receivedAt: new Date() }) as Incoming;

type Ack = { lang: string; body: string; channel: string; address: string; status: string };
const outboxOf = (q: Queryable, kind: string, sourceId: string) =>
	q.query<Ack>(
		`select lang, body, channel, address, status from outbox where source_kind = $1 and source_id = $2`,
		[kind, sourceId]
	);

/**
 * Reports by SMS and Telegram (#17): a message in Tajik and one in Russian become field reports
 * in the console's queue with the place matched and an acknowledgement in the sender's language;
 * a second delivery stores nothing; free text and public senders still reach the operator; a team
 * without data is tasked by SMS and accepts by replying.
 */
describe(`reports in by SMS and Telegram, on ${BACKEND}`, () => {
	let app: InProcess;
	let deps: InboundDeps;
	const live: LiveMessage[] = [];
	let unsubscribe = () => {};

	beforeAll(async () => {
		app = await startInProcess();
		const { db, hub } = app.services;
		deps = { db, log: silent, poke: () => hub.poke() };
		await addContact(db, {
			id: 'c-head',
			name: 'Раиси деҳа Сафаров',
			lang: 'tg',
			phone: '+992931234501'
		});
		// The console's own stream (the real picture), as an operator's page reads it.
		unsubscribe = await hub.subscribe({ send: (m) => live.push(m) }, null);
	});
	afterAll(async () => {
		unsubscribe();
		await app?.stop();
	});

	/** The console's queue as its page loads it. */
	const queue = async () =>
		consoleOrder(await readIncidents(app.services.db)).filter((i) => i.status === 'reported');

	/** Handles a message and waits for its report on the console's stream: how long it took. */
	async function arrive(m: Incoming) {
		const t0 = performance.now();
		const r = await handleIncoming(deps, m);
		expect(r.status).toBe('stored');
		if (r.status !== 'stored') throw new Error('not stored');
		const ev = await waitFor('the report on the console stream', () =>
			live.find(
				(x) => x.event === 'incident' && (x.data as IncidentView).inbound?.reference === r.reference
			)
		);
		const ms = Math.round(performance.now() - t0);
		return { r, view: ev.data as IncidentView, ms };
	}

	it('takes an SMS in Tajik from a known contact: a report at the named place, acknowledged in Tajik', async () => {
		const { r, view, ms } = await arrive(
			sms('gw-tg-1', '93 123 45 01', 'ҲИСОБОТ сел 4 Кулоб Сел роҳи Данғараро баст')
		);
		console.log(`Tajik SMS in the console's stream ${ms} ms after arrival (${r.reference})`);
		expect(r.reference).toMatch(/^R-\d{4,}$/);
		expect(view).toMatchObject({
			status: 'reported',
			type: 'mudflow',
			severity: 4,
			place: 'Кӯлоб',
			inbound: { channel: 'sms_gateway', sender: 'contact', name: 'Раиси деҳа Сафаров' }
		});
		expect(view.lat).toBeCloseTo(37.91, 1);
		const inQueue = (await queue()).find((i) => i.id === view.id);
		expect(inQueue?.inbound).toMatchObject({ reference: r.reference, located: 'place' });
		const acks = await outboxOf(app.services.db, 'ack', String(r.id));
		expect(acks).toHaveLength(1);
		expect(acks[0]).toMatchObject({
			lang: 'tg',
			channel: 'sms_gateway',
			address: '+992931234501',
			status: 'queued'
		});
		expect(acks[0].body).toContain(r.reference);
		expect(acks[0].body).toContain('қабул шуд');
	});

	it('takes an SMS in Russian from an unknown number: public, masked, acknowledged in Russian', async () => {
		const { r, view, ms } = await arrive(
			sms('smsc-ru-1', '+992 93 765 43 21', 'ОТЧЁТ оползень 3 в Кулябе дорогу завалило', 'smpp')
		);
		console.log(`Russian SMS in the console's stream ${ms} ms after arrival (${r.reference})`);
		expect(view).toMatchObject({
			type: 'landslide',
			severity: 3,
			place: 'Куляб',
			reporter: 'public',
			inbound: { channel: 'smpp', sender: 'public', name: null }
		});
		expect(view.inbound?.masked).toMatch(/^\+992 [• ]+21$/);
		expect(JSON.stringify(view)).not.toContain('7654321');
		const [ack] = await outboxOf(app.services.db, 'ack', String(r.id));
		expect(ack).toMatchObject({ lang: 'ru', channel: 'smpp', address: '+992937654321' });
		expect(ack.body).toContain(`номер ${r.reference}`);
	});

	it("takes an SMS through the SMS gateway's signed webhook, as the gateway app sends it", async () => {
		const gateway = await startGateway();
		const channel = createSmsGateway(
			{ url: gateway.url, webhookKey: gateway.webhookKey, ratePerSecond: 10 },
			silent
		);
		// The inbound route's part (headers and raw body to the channel's webhook), on loopback.
		const route = await webhookReceiver((req) => channel.webhook!(req));
		try {
			await channel.start({
				incoming: async (m) => void (await handleIncoming(deps, m)),
				delivered: async () => {}
			});
			gateway.webhooks.push({ id: 'in', url: route.url, event: 'sms:received' });
			const text = 'ХИСОБОТ ярч 3 Данғара Роҳ баста шуд';
			const t0 = performance.now();
			expect(await gateway.receive('+992 93 123 45 01', text)).toEqual([200]);
			const ev = await waitFor('the gateway report on the console stream', () =>
				live.find(
					(x) =>
						x.event === 'incident' && (x.data as IncidentView).title === 'Данғара Роҳ баста шуд'
				)
			);
			console.log(
				`Tajik SMS through the gateway's webhook in the console's stream ${Math.round(performance.now() - t0)} ms after the gateway sent it`
			);
			const view = ev.data as IncidentView;
			expect(view).toMatchObject({
				type: 'landslide',
				place: 'Данғара',
				inbound: { channel: 'sms_gateway', sender: 'contact' }
			});
			const [ack] = await outboxOf(app.services.db, 'ack', String(view.inbound?.id));
			expect(ack).toMatchObject({ lang: 'tg', address: '+992931234501' });
			expect(ack.body).toContain(view.inbound?.reference);
			// A request the gateway did not sign is refused and stores nothing.
			const before = await count(app.services, 'inbound_message');
			expect(await gateway.receive('+992931234501', text, 'bad')).toEqual([401]);
			expect(await count(app.services, 'inbound_message')).toBe(before);
		} finally {
			await channel.stop();
			await route.stop();
			await gateway.stop();
		}
	});

	it('stores a second delivery of the same message once', async () => {
		const tables = ['inbound_message', 'incident', 'outbox', 'incident_event'];
		const before = await Promise.all(tables.map((t) => count(app.services, t)));
		const again = await handleIncoming(
			deps,
			sms('gw-tg-1', '+992931234501', 'ҲИСОБОТ сел 4 Кулоб Сел роҳи Данғараро баст')
		);
		expect(again).toMatchObject({ status: 'duplicate', reference: expect.stringMatching(/^R-/) });
		expect(await Promise.all(tables.map((t) => count(app.services, t)))).toEqual(before);
	});

	it('puts a text that is not a report in the queue as free text, from a Telegram chat', async () => {
		const text = 'Помогите пожалуйста, вода заходит в дома';
		const { r, view } = await arrive(sms('tg-update-77', '5550001', text, 'telegram'));
		expect(r.kind).toBe('free_text');
		expect(view).toMatchObject({
			type: 'other',
			severity: 3,
			title: text,
			description: text,
			inbound: { channel: 'telegram', sender: 'public', located: 'area' }
		});
		const [ack] = await outboxOf(app.services.db, 'ack', String(r.id));
		expect(ack).toMatchObject({ lang: 'ru', channel: 'telegram', address: '5550001' });
	});

	it('refuses what is not a message (no sender number, no text) and stores nothing', async () => {
		const before = await count(app.services, 'inbound_message');
		expect(await handleIncoming(deps, sms('bad-1', 'not a number', 'ОТЧЕТ сель 4 Куляб'))).toEqual({
			status: 'refused',
			reason: 'the sender is not a phone number'
		});
		expect(await handleIncoming(deps, sms('bad-2', '+992931234501', '   '))).toMatchObject({
			status: 'refused'
		});
		expect(await count(app.services, 'inbound_message')).toBe(before);
	});

	it('tasks a team without data by SMS, and its leader accepts by replying', async () => {
		const { db } = app.services;
		await db.query(`insert into team (id, callsign) values ('t-sms', 'SMS-1'), ('t-app', 'APP-1')`);
		await addContact(db, {
			id: 'c-lead',
			name: 'Рахимов',
			lang: 'ru',
			phone: '+992935550011',
			teamId: 't-sms',
			groups: ['team_leader']
		});
		// A team with a paired field app is tasked over it only.
		await addContact(db, {
			id: 'c-app',
			name: 'Каримов',
			lang: 'tg',
			phone: '+992935550012',
			teamId: 't-app'
		});
		await db.query(
			`insert into device_credential (id, team_id, username, secret_hash, name)
			values ('cred-1', 't-app', 'phone-app', 'x', 'Phone')`
		);
		const [inc] = await db.query<{ id: string }>(
			`insert into incident (id, type, severity, status, title, lat, lon, place, reported_at, updated_ts)
			values ('i-sms', 'mudflow', 4, 'open', 'Сель на дороге', 37.91, 69.78, 'Куляб', now(), now())
			returning id`
		);
		// The console's assignment, with SMS routed to the gateway.
		const assign = (teamId: string) =>
			assignTeam(db, inc.id, teamId, 'Go', undefined, 'op', null, undefined, SMS_GATEWAY);
		expect((await assign('t-app')).smsRef).toBeNull();
		const t = await assign('t-sms');
		expect(t.smsRef).toMatch(/^T-\d+$/);
		const number = (t.smsRef as string).slice(2);
		const [task] = await outboxOf(db, 'tasking', t.payload.msgId);
		expect(task).toMatchObject({ lang: 'ru', channel: 'sms_gateway', address: '+992935550011' });
		expect(task.body).toContain(`ЗАДАНИЕ ${t.smsRef}: Сель на дороге, Куляб`);
		expect(task.body).toContain(`ДА ${number}`);

		// An answer naming a tasking the team does not hold is text for the operator, not an answer.
		const wrong = await handleIncoming(deps, sms('gw-ans-0', '+992935550011', 'ДА 99999'));
		expect(wrong).toMatchObject({ status: 'stored', kind: 'free_text' });

		const r = await handleIncoming(deps, sms('gw-ans-1', '935550011', `да ${number}`));
		expect(r).toMatchObject({ status: 'stored', kind: 'tasking_answer', incidentId: null });
		const team = (await readTeams(db)).find((x) => x.id === 't-sms');
		expect(team?.tasking).toMatchObject({ id: t.payload.msgId, answer: 'accepted' });
		const audits = await db.query<{ actor: string; target: string }>(
			`select actor, target from audit_log where action = 'tasking-accepted'`
		);
		expect(audits).toEqual([{ actor: 'team:t-sms', target: 't-sms → i-sms' }]);
		if (r.status !== 'stored') throw new Error('not stored');
		const [ack] = await outboxOf(db, 'ack', String(r.id));
		expect(ack.body).toContain(`задание ${t.smsRef} принято`);
	});
});

/**
 * The operator's side in the built app: the queue shows the SMS report's channel, sender and
 * reference; the operator replies from the queue (queued to the sender, audited); a viewer may
 * not. The report is written before the app starts (PGlite allows one process).
 */
describe(`the console's queue with an SMS report, on ${BACKEND}`, () => {
	const SHOTS = '/tmp/inbound';
	let reference = '';
	const w = useWallApp(
		{},
		{
			seed: async (env) => {
				const db = await open(env);
				try {
					await db.migrate(join(ROOT, 'drizzle'));
					const r = await handleIncoming(
						{ db, log: silent, poke: () => {} },
						sms('gw-ui-1', '+992931112233', 'ҲИСОБОТ обхезӣ 3 Восеъ Об ба хонаҳо даромад')
					);
					if (r.status === 'stored') reference = r.reference;
				} finally {
					await db.close();
				}
			}
		}
	);
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		page = await w.browser.newPage({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		await page.goto(`${w.app.url}/login?lang=tg`);
		await page.fill('input[name=email]', w.app.auth.users.operator.email);
		await page.fill('input[name=password]', w.app.auth.users.operator.password);
		await Promise.all([page.waitForURL(`${w.app.url}/`), page.click('button.primary')]);
	});
	afterAll(async () => {
		await page?.close();
	});

	it('shows the channel, the public sender masked and the reference, and replies to the sender', async () => {
		expect(reference).toMatch(/^R-/);
		await page.goto(`${w.app.url}/console`);
		await page.locator('[data-testid="console-live"][data-state="live"]').waitFor();
		const sender = page.locator('[data-testid="inbound-sender"]');
		await expect.poll(() => sender.textContent()).toContain(reference);
		const text = (await sender.textContent()) ?? '';
		expect(text).toContain('СМС');
		expect(text).toMatch(/берун аз феҳрист \+992 [• ]+33/);
		expect(text).not.toContain('1112233');
		await expect.poll(() => page.locator('[data-report]').first().textContent()).toContain('Восеъ');
		await page.screenshot({ path: join(SHOTS, 'queue-sms-report.png') });

		await page.fill('[data-testid="reply-form"] input[name=text]', 'Гурӯҳи наҷот дар роҳ аст.');
		await page.click('[data-testid="reply-form"] button');
		await page.locator('[data-testid="console-done"]').waitFor();
		expect(await page.locator('[data-report]').first().getAttribute('data-report')).toBe(
			reportIncidentId('sms_gateway:+992931112233', 'gw-ui-1')
		);
		await page.screenshot({ path: join(SHOTS, 'queue-sms-replied.png') });
	});

	it('does not let a viewer reply', async () => {
		const viewer = new FormClient(w.app.url);
		await viewer.signIn(w.app.auth.users.viewer.email, w.app.auth.users.viewer.password);
		const id = reportIncidentId('sms_gateway:+992931112233', 'gw-ui-1');
		const r = await viewer.post('/console?/reply', { id, text: 'x' });
		expect(r.status).toBe(403);
	});

	it('queued the reply to the sender in the outbox, audited, and nothing for the viewer', async () => {
		// PGlite is the app's alone: stopped first (the page's stream closed), then its database read.
		await page.close();
		await w.app.kill('SIGTERM');
		const db = await open(w.env);
		try {
			const replies = await db.query<{
				body: string;
				address: string;
				lang: string;
				createdBy: string;
			}>(
				`select body, address, lang, created_by as "createdBy" from outbox where source_kind = 'reply'`
			);
			expect(replies).toEqual([
				{
					body: 'Гурӯҳи наҷот дар роҳ аст.',
					address: '+992931112233',
					lang: 'tg',
					createdBy: w.app.auth.users.operator.email
				}
			]);
			const audits = await db.query<{ actor: string }>(
				`select actor from audit_log where action = 'report-reply'`
			);
			expect(audits).toEqual([{ actor: w.app.auth.users.operator.email }]);
		} finally {
			await db.close();
		}
	});
});
