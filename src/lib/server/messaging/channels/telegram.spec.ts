import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	memoryLog,
	startTelegram,
	webhookReceiver,
	type TelegramServer
} from '../../../../../tests/helpers/messaging';
import { waitFor } from '../../../../../tests/helpers/ports';
import type { Incoming } from '../channel';
import { chunks, createTelegram } from './telegram';

const TAJIK = 'Огоҳӣ: сел дар дараи Ёхсу. Ба ҷойҳои баланд равед!';

describe('Telegram channel (against a local Bot API server)', () => {
	let tg: TelegramServer;
	let channel: ReturnType<typeof createTelegram>;
	const { log } = memoryLog();
	const incoming: Incoming[] = [];
	const handlers = {
		incoming: async (m: Incoming) => void incoming.push(m),
		delivered: async () => {}
	};

	beforeAll(async () => {
		tg = await startTelegram();
		channel = createTelegram(
			{ token: tg.token, apiUrl: tg.url, receive: 'poll', ratePerSecond: 25, pollTimeoutS: 5 },
			log
		);
		await channel.start(handlers);
	});
	afterAll(async () => {
		await channel.stop();
		await tg.stop();
	});

	it('sends Tajik Cyrillic intact to the chat', async () => {
		const r = await channel.send({ key: 't-1', address: '5550001', body: TAJIK });
		expect(r).toEqual({ ok: true, externalId: `5550001:${tg.sent.at(-1)!.messageId}` });
		expect(tg.sent.at(-1)).toMatchObject({ chatId: '5550001', text: TAJIK });
	});

	it('a text over 4096 characters goes as several messages, nothing lost', async () => {
		const long = (TAJIK + '\n').repeat(120);
		const before = tg.sent.length;
		expect((await channel.send({ key: 't-long', address: '5550001', body: long })).ok).toBe(true);
		const parts = tg.sent.slice(before).map((s) => s.text);
		expect(parts.length).toBe(2);
		expect(parts.every((p) => p.length <= 4096)).toBe(true);
		expect(parts.join('\n')).toBe(long);
		expect(chunks('a b', 2)).toEqual(['a', 'b']);
	});

	it('429 is retried after retry_after; 500 retried; a chat that blocked the bot is refused for good', async () => {
		tg.failNext(1, 429, 3);
		expect(await channel.send({ key: 't-429', address: '5550001', body: 'x' })).toMatchObject({
			ok: false,
			retry: true,
			retryAfterMs: 3000
		});
		tg.failNext(1, 500);
		expect(await channel.send({ key: 't-500', address: '5550001', body: 'x' })).toMatchObject({
			ok: false,
			retry: true
		});
		tg.block('5550002');
		const blocked = await channel.send({ key: 't-403', address: '5550002', body: 'x' });
		expect(blocked).toMatchObject({ ok: false, retry: false });
		expect((blocked as { reason: string }).reason).toContain('blocked');
	});

	it('messages to the bot reach the incoming handler once each, by long polling', async () => {
		const before = incoming.length;
		await tg.incoming('5550003', TAJIK);
		await tg.incoming('5550004', 'Бӯҳрон дар деҳаи Даштиҷум');
		await waitFor('both updates handled', () => incoming.length >= before + 2);
		// A few more polls: a confirmed update is not handed over again.
		const polls = tg.polls;
		await tg.incoming('5550003', 'сеюм');
		await waitFor('third update handled', () => incoming.length >= before + 3 && tg.polls > polls);
		expect(incoming.slice(before).map((m) => [m.address, m.text])).toEqual([
			['5550003', TAJIK],
			['5550004', 'Бӯҳрон дар деҳаи Даштиҷум'],
			['5550003', 'сеюм']
		]);
		expect(new Set(incoming.map((m) => m.externalId)).size).toBe(incoming.length);
	});

	it('a refused connection is retried with the reason; polling resumes when the API is back', async () => {
		await tg.refuse();
		try {
			const r = await channel.send({ key: 't-refused', address: '5550001', body: 'x' });
			expect(r).toMatchObject({ ok: false, retry: true });
			expect((r as { reason: string }).reason).toMatch(/ECONNREFUSED|closed/);
			await waitFor('the poller saw the outage', () => !channel.health().up);
		} finally {
			await tg.accept();
		}
		const before = incoming.length;
		await tg.incoming('5550005', 'баъд аз қатъ');
		await waitFor('update after the outage', () => incoming.length > before, 60_000);
		expect(incoming.at(-1)).toMatchObject({ address: '5550005', text: 'баъд аз қатъ' });
		expect(channel.health().up).toBe(true);
	});
});

describe('Telegram channel in webhook mode', () => {
	it('sets the webhook with its secret; an update with the secret is handled, one without is refused and logged', async () => {
		const tg = await startTelegram();
		const { log, lines } = memoryLog();
		const got: Incoming[] = [];
		let channel: ReturnType<typeof createTelegram> | null = null;
		const receiver = await webhookReceiver((req) => channel!.webhook!(req));
		channel = createTelegram(
			{
				token: tg.token,
				apiUrl: tg.url,
				receive: 'webhook',
				webhookSecret: 'hook-secret-1',
				webhookUrl: receiver.url,
				ratePerSecond: 25
			},
			log
		);
		try {
			await channel.start({ incoming: async (m) => void got.push(m), delivered: async () => {} });
			expect(tg.webhook).toEqual({ url: receiver.url, secret: 'hook-secret-1' });
			expect(await tg.incoming('777', TAJIK)).toBe(200);
			expect(got).toEqual([
				expect.objectContaining({ channel: 'telegram', address: '777', text: TAJIK })
			]);
			const res = await channel.webhook!({ headers: new Headers(), body: '{"update_id":9}' });
			expect(res.status).toBe(401);
			const wrong = new Headers({ 'x-telegram-bot-api-secret-token': 'guess' });
			expect((await channel.webhook!({ headers: wrong, body: '{"update_id":9}' })).status).toBe(
				401
			);
			expect(got.length).toBe(1);
			expect(lines.filter((l) => /secret/.test(l.msg)).length).toBe(2);
		} finally {
			await channel.stop();
			await receiver.stop();
			await tg.stop();
		}
	});
});
