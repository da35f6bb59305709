import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLog, startSmtp, type SmtpTestServer } from '../../../../../tests/helpers/messaging';
import { createEmail, messageId } from './email';

const TAJIK = 'Огоҳӣ: сел дар дараи Ёхсу. Ба ҷойҳои баланд равед!\nҲукумати ноҳияи Кӯлоб';
const FROM = 'EOC Kulob <eoc@example.tj>';

describe('email channel (against a local SMTP server)', () => {
	let smtp: SmtpTestServer;
	let channel: ReturnType<typeof createEmail>;
	const { log } = memoryLog();

	beforeAll(async () => {
		smtp = await startSmtp();
		channel = createEmail({ url: smtp.url, from: FROM, ratePerSecond: 10 }, log);
		await channel.start({ incoming: async () => {}, delivered: async () => {} });
	});
	afterAll(async () => {
		await channel.stop();
		await smtp.stop();
	});

	it('the start checks the server and login: the channel is up', () => {
		expect(channel.health()).toMatchObject({ up: true, error: null });
	});

	it('sends Tajik Cyrillic intact, with the subject and a Message-ID from the outbox key', async () => {
		const key = 'warning:w-1:c-1:email';
		const r = await channel.send({
			key,
			address: 'rais@example.tj',
			subject: 'Огоҳии сел',
			body: TAJIK
		});
		expect(r).toEqual({ ok: true, externalId: messageId(key, FROM) });
		const mail = smtp.messages.at(-1)!;
		expect(mail).toMatchObject({
			to: ['rais@example.tj'],
			from: 'eoc@example.tj',
			subject: 'Огоҳии сел',
			text: TAJIK,
			messageId: messageId(key, FROM)
		});
		expect(messageId(key, FROM)).toMatch(/^<[0-9a-f]{32}@example\.tj>$/);
	});

	it('a 4xx answer is retried, a 5xx refusal is for good, an address that is none is refused', async () => {
		smtp.failNext(1, 451);
		const a = await channel.send({ key: 'e-451', address: 'a@example.tj', body: 'x' });
		expect(a).toMatchObject({ ok: false, retry: true });
		expect((a as { reason: string }).reason).toContain('451');
		smtp.failNext(1, 550);
		const b = await channel.send({ key: 'e-550', address: 'a@example.tj', body: 'x' });
		expect(b).toMatchObject({ ok: false, retry: false });
		expect((b as { reason: string }).reason).toContain('550');
		expect(await channel.send({ key: 'e-bad', address: 'nobody', body: 'x' })).toMatchObject({
			ok: false,
			retry: false
		});
	});

	it('a refused connection is retried, with the reason, and the channel shows down', async () => {
		await smtp.refuse();
		try {
			const r = await channel.send({ key: 'e-refused', address: 'a@example.tj', body: 'x' });
			expect(r).toMatchObject({ ok: false, retry: true });
			expect((r as { reason: string }).reason).toMatch(/ECONNREFUSED|ECONNECTION/);
			expect(channel.health().up).toBe(false);
		} finally {
			await smtp.accept();
		}
		expect((await channel.send({ key: 'e-back', address: 'a@example.tj', body: 'x' })).ok).toBe(
			true
		);
		expect(channel.health().up).toBe(true);
	});
});
