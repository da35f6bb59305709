import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	memoryLog,
	startGateway,
	webhookReceiver,
	type GatewayServer
} from '../../../../../tests/helpers/messaging';
import type { DeliveryReport, Incoming } from '../channel';
import { createSmsGateway, gatewayId } from './sms-gateway';

const TAJIK = 'Огоҳӣ: сел дар дараи Ёхсу. Ба ҷойҳои баланд равед!';

describe('SMS gateway channel (against a local server speaking the gateway API)', () => {
	let gw: GatewayServer;
	const { log, lines } = memoryLog();
	const incoming: Incoming[] = [];
	const delivered: DeliveryReport[] = [];
	let channel: ReturnType<typeof createSmsGateway>;
	let receiver: Awaited<ReturnType<typeof webhookReceiver>>;

	beforeAll(async () => {
		gw = await startGateway();
		channel = createSmsGateway({ url: gw.url, webhookKey: gw.webhookKey, ratePerSecond: 1 }, log);
		await channel.start({
			incoming: async (m) => void incoming.push(m),
			delivered: async (r) => void delivered.push(r)
		});
		receiver = await webhookReceiver((req) => channel.webhook!(req));
		for (const event of ['sms:received', 'sms:delivered', 'sms:failed'])
			gw.webhooks.push({ id: event, url: receiver.url, event });
	});
	afterAll(async () => {
		await channel.stop();
		await receiver.stop();
		await gw.stop();
	});

	it('sends Tajik Cyrillic intact, with the outbox key as the message id', async () => {
		const r = await channel.send({
			key: 'warning:w-1:c-1:sms_gateway',
			address: '+992931234567',
			body: TAJIK
		});
		const id = gatewayId('warning:w-1:c-1:sms_gateway');
		expect(r).toEqual({ ok: true, externalId: id });
		expect(gw.messages.at(-1)).toMatchObject({
			id,
			phoneNumbers: ['+992931234567'],
			text: TAJIK,
			withDeliveryReport: true
		});
		expect(channel.health().up).toBe(true);
	});

	it('a second send of the same key is not a second SMS', async () => {
		const before = gw.messages.length;
		const r = await channel.send({
			key: 'warning:w-1:c-1:sms_gateway',
			address: '+992931234567',
			body: TAJIK
		});
		expect(r.ok).toBe(true);
		expect(gw.messages.length).toBe(before);
	});

	it('an error answer to a message the phone already has counts as sent (a resend after a lost answer)', async () => {
		const before = gw.messages.length;
		gw.failNext(1, 500);
		const r = await channel.send({
			key: 'warning:w-1:c-1:sms_gateway',
			address: '+992931234567',
			body: TAJIK
		});
		expect(r).toEqual({ ok: true, externalId: gatewayId('warning:w-1:c-1:sms_gateway') });
		expect(gw.messages.length).toBe(before);
	});

	it('lookup says sent for a message the gateway has, not_sent for one it never got', async () => {
		expect(await channel.lookup!('warning:w-1:c-1:sms_gateway')).toBe('sent');
		expect(await channel.lookup!('warning:w-1:c-2:sms_gateway')).toBe('not_sent');
	});

	it('500 and 429 are retried (429 with its Retry-After); an invalid number is refused for good', async () => {
		gw.failNext(1, 500);
		const a = await channel.send({ key: 'k-500', address: '+992931234567', body: 'x' });
		expect(a).toMatchObject({ ok: false, retry: true });
		expect(channel.health().up).toBe(false);
		gw.failNext(1, 429, 7);
		const b = await channel.send({ key: 'k-429', address: '+992931234567', body: 'x' });
		expect(b).toMatchObject({ ok: false, retry: true, retryAfterMs: 7000 });
		const c = await channel.send({ key: 'k-400', address: 'not-a-number', body: 'x' });
		expect(c).toMatchObject({ ok: false, retry: false });
		expect((c as { reason: string }).reason).toContain('400');
		expect(channel.health().up).toBe(true);
	});

	it('a refused connection is retried, with the reason', async () => {
		await gw.refuse();
		try {
			const r = await channel.send({ key: 'k-refused', address: '+992931234567', body: 'x' });
			expect(r).toMatchObject({ ok: false, retry: true });
			expect((r as { reason: string }).reason).toContain('ECONNREFUSED');
			expect(await channel.lookup!('k-refused')).toBe('unknown');
			expect(channel.health()).toMatchObject({ up: false });
		} finally {
			await gw.accept();
		}
		expect((await channel.send({ key: 'k-back', address: '+992931234567', body: 'x' })).ok).toBe(
			true
		);
	});

	it('a signed inbound SMS reaches the handler once; unsigned and badly signed ones are refused and logged', async () => {
		const before = incoming.length;
		expect(await gw.receive('+992 93 765 43 21', TAJIK, 'none')).toEqual([401]);
		expect(await gw.receive('+992937654321', TAJIK, 'bad')).toEqual([401]);
		expect(incoming.length).toBe(before);
		expect(lines.filter((l) => /signature/.test(l.msg)).length).toBeGreaterThanOrEqual(2);
		expect(await gw.receive('+992 93 765 43 21', TAJIK)).toEqual([200]);
		expect(incoming.slice(before)).toEqual([
			expect.objectContaining({ channel: 'sms_gateway', address: '+992937654321', text: TAJIK })
		]);
	});

	it('delivery reports reach the delivered handler by the message id', async () => {
		const id = gatewayId('warning:w-1:c-1:sms_gateway');
		expect(await gw.report(id, true)).toEqual([200]);
		expect(await gw.report(id, false, 'RESULT_ERROR_GENERIC_FAILURE')).toEqual([200]);
		expect(delivered.slice(-2)).toEqual([
			expect.objectContaining({ channel: 'sms_gateway', externalId: id, delivered: true }),
			expect.objectContaining({
				externalId: id,
				delivered: false,
				reason: 'RESULT_ERROR_GENERIC_FAILURE'
			})
		]);
	});
});
