import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView } from '$lib/live/types';
import { createUser } from '../src/lib/server/auth/users';
import { openDatabase } from '../src/lib/server/db';
import { templateFields } from '../src/lib/server/warnings/prefill';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient } from './helpers/client';
import { startMessagingServers, type MessagingServers } from './helpers/messaging';
import { freePort } from './helpers/ports';
import { seedPrincipals } from './helpers/principals';

const CONTACTS = 500;
const LANGS = ['tg', 'ru', 'en'] as const;
/** The headline's start in each language (the mudflow template). */
const HEADLINE = { tg: 'Хатари сел', ru: 'Угроза селя', en: 'Mudflow warning' };
const SECOND = { email: 'supervisor2@test.example.org', password: 'pw-second-supervisor-1' };

type Via = 'sms_gateway' | 'smpp' | 'telegram' | 'email';
interface Person {
	id: string;
	lang: (typeof LANGS)[number];
	via: Via;
	address: string;
}

/** 500 contacts round Kulob, a quarter per channel (SMPP serves +99290…), the languages mixed. */
const PEOPLE: Person[] = Array.from({ length: CONTACTS }, (_, i) => {
	const via = (['sms_gateway', 'smpp', 'telegram', 'email'] as const)[i % 4];
	const address =
		via === 'sms_gateway'
			? `+99293${1_000_000 + i}`
			: via === 'smpp'
				? `+99290${1_000_000 + i}`
				: via === 'telegram'
					? String(700_000 + i)
					: `c${i}@kulob.test.tj`;
	return { id: `c-${i}`, lang: LANGS[i % 3], via, address };
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(
	what: string,
	fn: () => T | undefined | false | Promise<T | undefined | false>,
	ms = 60_000
): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(50);
	}
}

/**
 * #17's warnings out and reports in, through the built app and real protocol servers on loopback
 * (the Android gateway's HTTP API, an SMSC over SMPP, the Bot API, SMTP): an approved warning for
 * Kulob reaches 500 contacts over all four channels, each in their language; the app is killed
 * with SIGKILL mid-delivery and started again, and every recipient has the message exactly once.
 * Then an SMS in Tajik and one in Russian come in, become reports in the console's queue at the
 * place they name, and their acknowledgements go back.
 */
describe(`messaging through a kill -9, on ${BACKEND}`, { timeout: 300_000 }, () => {
	let servers: MessagingServers;
	let db: TestDatabase;
	let env: Record<string, string>;
	let port: number;
	let app: RunningApp;

	/** What each address received, over every channel. */
	function received(): Map<string, string[]> {
		const got = new Map<string, string[]>();
		const add = (a: string, text: string) => got.set(a, [...(got.get(a) ?? []), text]);
		for (const m of servers.gateway.messages) for (const p of m.phoneNumbers) add(p, m.text);
		for (const m of servers.smpp.messages) add(`+${m.destination.replace(/^\+/, '')}`, m.text);
		for (const m of servers.telegram.sent) add(m.chatId, m.text);
		// One mail per Message-ID: a mail sent again after the crash is the same message.
		const mails = new Set<string>();
		for (const m of servers.smtp.messages)
			for (const to of m.to)
				if (!mails.has(`${to} ${m.messageId}`)) {
					mails.add(`${to} ${m.messageId}`);
					add(to, m.text);
				}
		return got;
	}
	const warned = () => {
		const got = received();
		return PEOPLE.filter((p) => got.has(p.address)).length;
	};

	beforeAll(async () => {
		servers = await startMessagingServers();
		db = await freshDatabase();
		port = await freePort();
		env = {
			...db.env,
			...(await mqttEnv()),
			...servers.env,
			SMPP_PREFIXES: '+99290',
			// Fast enough for a test, slow enough that the kill lands mid-delivery.
			SMS_GATEWAY_RATE: '30',
			SMPP_RATE: '30',
			TELEGRAM_RATE: '30',
			SMTP_RATE: '30',
			// A refusing channel gives up after three attempts, the waits from 0.2 s doubling.
			OUTBOX_MAX_ATTEMPTS: '3',
			OUTBOX_RETRY_BASE_SECONDS: '0.2'
		};
		// The gateway hands the SMS it receives to the EOC's webhook, signed with its key.
		servers.gateway.webhooks.push({
			id: 'eoc',
			url: `http://127.0.0.1:${port}/api/v1/inbound/sms_gateway`,
			event: 'sms:received'
		});
		await seedPrincipals(env);
		const d = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
		try {
			await createUser(
				d,
				{ email: SECOND.email, name: 'Second', role: 'supervisor' },
				SECOND.password
			);
			const kulob = { lat: 37.9146, lon: 69.7845 };
			await d.query(
				`insert into contact (id, name, lang, phone, telegram_chat_id, email, area_kind, area_label,
					area)
				select r.id, r.name, r.lang, r.phone, r.chat, r.email, 'jamoat', 'Kulob', r.area
				from jsonb_to_recordset(($1::text)::jsonb) as r(id text, name text, lang text, phone text,
					chat text, email text, area jsonb)`,
				[
					JSON.stringify(
						PEOPLE.map((p, i) => ({
							id: p.id,
							name: `Contact ${i}`,
							lang: p.lang,
							phone: p.via === 'sms_gateway' || p.via === 'smpp' ? p.address : null,
							chat: p.via === 'telegram' ? p.address : null,
							email: p.via === 'email' ? p.address : null,
							// Within about a kilometre of the town.
							area: {
								type: 'Point',
								coordinates: [kulob.lon + ((i % 20) - 10) / 1000, kulob.lat + ((i % 17) - 8) / 1000]
							}
						}))
					)
				]
			);
		} finally {
			await d.close();
		}
		app = await startApp(env, { port });
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await servers?.stop();
		await db?.drop();
	});

	/** A warning over Kulob drafted by one supervisor and approved (so issued) by another. */
	async function issue(hazard: 'mudflow' | 'flood'): Promise<{ id: string; sup: FormClient }> {
		const sup = new FormClient(app.url);
		await sup.signIn(app.auth.users.supervisor.email, app.auth.users.supervisor.password);
		const r = await sup.post('/console/warnings/new?/draft', {
			...templateFields(hazard),
			places: 'Kulob'
		});
		expect(r.status, await r.clone().text()).toBe(303);
		const id = r.headers.get('location')?.match(/(w-[0-9a-f]+)$/)?.[1] ?? '';
		const approver = new FormClient(app.url);
		await approver.signIn(SECOND.email, SECOND.password);
		const html = await (await approver.get(`/console/warnings/${id}`)).text();
		const seen = /name="seen" value="(\d+)"/.exec(html)?.[1] ?? '';
		expect((await approver.post(`/console/warnings/${id}?/approve`, { seen })).status).toBe(200);
		return { id, sup };
	}
	type Progress = {
		total: number;
		channels: { channel: string; counts: Record<string, number>; total: number }[];
	};
	const progressOf = async (sup: FormClient, id: string) =>
		(await (await sup.get(`/console/warnings/${id}/progress`)).json()) as Progress;

	it('reaches 500 contacts exactly once, each in their language, through a kill -9 mid-delivery', async () => {
		const { id, sup } = await issue('mudflow');

		// Killed while the channels are at it: some reached, most not yet.
		await until('a fifth of the contacts reached', () => warned() >= CONTACTS / 5);
		expect(await app.kill('SIGKILL')).toBeNull();
		const atKill = warned();
		console.log(`killed with ${atKill} of ${CONTACTS} contacts reached`);
		expect(atKill).toBeLessThan(CONTACTS);

		app = await startApp(env, { port });
		await until('every contact reached', () => warned() === CONTACTS || undefined).catch((e) => {
			const got = received();
			const missing = PEOPLE.filter((p) => !got.has(p.address));
			const by: Record<string, number> = {};
			for (const p of missing) by[p.via] = (by[p.via] ?? 0) + 1;
			throw new Error(
				`${e.message}: ${missing.length} not reached, by channel ${JSON.stringify(by)}\n` +
					app.output().slice(-3000)
			);
		});
		expect(warned()).toBeGreaterThan(atKill);
		// Time for a second copy, were one on its way.
		await sleep(3000);

		const got = received();
		const twice = PEOPLE.filter((p) => (got.get(p.address) ?? []).length !== 1);
		expect(twice.map((p) => `${p.address}: ${got.get(p.address)?.length ?? 0}`)).toEqual([]);
		for (const p of PEOPLE) expect(got.get(p.address)?.[0], p.id).toContain(HEADLINE[p.lang]);
		// Nothing else was sent to anyone.
		expect([...got.keys()].length).toBe(CONTACTS);

		// The console's count: every message sent (or in doubt, yet received: asserted above).
		const progress = await progressOf(sup, id);
		expect(progress.total).toBe(CONTACTS);
		for (const c of progress.channels) {
			expect([c.channel, c.total]).toEqual([c.channel, CONTACTS / 4]);
			// Nothing waits or failed: sent, or (a message the channel had at the kill, which it
			// cannot be asked about) unknown, for an operator, yet received once, as asserted above.
			expect([c.channel, c.counts.queued, c.counts.sending, c.counts.failed]).toEqual([
				c.channel,
				0,
				0,
				0
			]);
			// The gateway is asked and email's resend is the same mail: never unknown.
			if (c.channel === 'sms_gateway' || c.channel === 'email') expect(c.counts.unknown).toBe(0);
		}
		console.log('after the restart:', JSON.stringify(progress.channels.map((c) => c.counts)));
	});

	it('takes an SMS in Tajik and one in Russian as reports at the places they name, and answers', async () => {
		const tj = '+992931234501';
		const ru = '+992901234502';
		const t0 = performance.now();
		expect(
			await servers.gateway.receive(tj, 'ҲИСОБОТ сел 4 Кулоб Сел роҳи Данғараро баст')
		).toEqual([200]);
		const findReport = async (from: string) => {
			const list = await app.getJson<IncidentView[]>('/api/v1/incidents');
			return list.find(
				(i) => i.status === 'reported' && i.inbound && i.inbound.masked?.endsWith(from.slice(-2))
			);
		};
		let tajik: IncidentView | undefined;
		while (!tajik && performance.now() - t0 < 30_000) tajik = await findReport(tj);
		const tajikMs = Math.round(performance.now() - t0);
		const t1 = performance.now();
		expect(
			await servers.smpp.deliver(ru.slice(1), 'EOC', 'ОТЧЕТ оползень 3 Куляб Оползень у школы')
		).toBe(0);
		let russian: IncidentView | undefined;
		while (!russian && performance.now() - t1 < 30_000) russian = await findReport(ru);
		const russianMs = Math.round(performance.now() - t1);
		console.log(`in the console's queue: Tajik SMS ${tajikMs} ms, Russian SMS ${russianMs} ms`);

		expect(tajik).toMatchObject({ type: 'mudflow', severity: 4, place: 'Кӯлоб' });
		expect(tajik?.inbound).toMatchObject({ channel: 'sms_gateway', sender: 'public' });
		expect(russian).toMatchObject({ type: 'landslide', severity: 3, place: 'Куляб' });
		expect(russian?.inbound).toMatchObject({ channel: 'smpp', sender: 'public' });

		// The acknowledgements, in each sender's language, with the reference, on their channel.
		const ackTj = await until('the Tajik acknowledgement', () =>
			servers.gateway.messages.find((m) => m.phoneNumbers.includes(tj))
		);
		expect(ackTj.text).toContain(tajik?.inbound?.reference ?? '?');
		expect(ackTj.text).toContain('Ташаккур');
		const ackRu = await until('the Russian acknowledgement', () =>
			servers.smpp.messages.find((m) => m.destination.endsWith(ru.slice(1)))
		);
		expect(ackRu.text).toContain(russian?.inbound?.reference ?? '?');
		expect(ackRu.text).toContain('Спасибо');
	});

	it('retries a channel that refuses connections and one that answers errors, then fails them with the reason on the console; the others are unaffected', async () => {
		await servers.smtp.refuse();
		servers.telegram.failNext(10_000, 500);
		const sentBefore = {
			gateway: servers.gateway.messages.length,
			smpp: servers.smpp.messages.length
		};
		const { id, sup } = await issue('flood');
		const done = await until(
			'every message sent or failed',
			async () => {
				const p = await progressOf(sup, id);
				const open = p.channels.some((c) => c.counts.queued + c.counts.sending > 0);
				return open ? undefined : p;
			},
			120_000
		);
		const by = Object.fromEntries(done.channels.map((c) => [c.channel, c.counts]));
		expect(by.sms_gateway).toMatchObject({ sent: 125, failed: 0 });
		expect(by.smpp).toMatchObject({ sent: 125, failed: 0 });
		expect(by.telegram).toMatchObject({ sent: 0, failed: 125 });
		expect(by.email).toMatchObject({ sent: 0, failed: 125 });
		expect(servers.gateway.messages.length - sentBefore.gateway).toBe(125);
		expect(servers.smpp.messages.length - sentBefore.smpp).toBe(125);

		// The console names the reasons, after the attempts the retry policy allows.
		const html = await (await sup.get(`/console/warnings/${id}`)).text();
		expect(html).toContain('gave up after 3 attempts');
		expect(html).toMatch(/ECONNREFUSED|connection refused/i);
		expect(html).toMatch(/500/);
		await servers.smtp.accept();
	});
});
