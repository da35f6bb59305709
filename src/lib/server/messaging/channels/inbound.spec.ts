import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../../../../tests/helpers/messaging';
import type { Incoming } from '../channel';
import type { Messaging } from '../index';
import { INBOUND_MAX_BYTES, inbound } from './inbound';
import { createSmsGateway } from './sms-gateway';

const KEY = 'test-signing-key';

function post(body: string, headers: Record<string, string> = {}) {
	return new Request('http://eoc/api/v1/inbound/sms_gateway', { method: 'POST', body, headers });
}

function signed(body: string) {
	const ts = String(Math.floor(Date.now() / 1000));
	return post(body, {
		'x-timestamp': ts,
		'x-signature': createHmac('sha256', KEY)
			.update(body + ts)
			.digest('hex')
	});
}

describe('inbound webhook route', async () => {
	const { log, lines } = memoryLog();
	const got: Incoming[] = [];
	const gateway = createSmsGateway(
		// Nothing listens there: only the webhook is exercised (the start's health probe fails).
		{ url: 'http://127.0.0.1:9', webhookKey: KEY, ratePerSecond: 1 },
		log
	);
	await gateway.start({ incoming: async (m) => void got.push(m), delivered: async () => {} });
	const messaging = { channels: new Map([['sms_gateway', gateway]]) } as unknown as Messaging;
	const event = JSON.stringify({
		id: 'evt-1',
		event: 'sms:received',
		payload: {
			message: 'Салом',
			phoneNumber: '+992937654321',
			receivedAt: '2026-12-08T05:00:00+05:00'
		}
	});

	it('404 for a channel that is not one, or not configured; 503 before messaging runs', async () => {
		expect((await inbound(messaging, 'fax', post(event), log)).status).toBe(404);
		expect((await inbound(messaging, 'telegram', post(event), log)).status).toBe(404);
		expect((await inbound(null, 'sms_gateway', post(event), log)).status).toBe(503);
	});

	it('an unsigned or forged request is 401 and logged; a signed one is handed over', async () => {
		expect((await inbound(messaging, 'sms_gateway', post(event), log)).status).toBe(401);
		const forged = signed(event.replace('Салом', 'Тарк кунед'));
		forged.headers.set('x-signature', createHmac('sha256', KEY).update('x').digest('hex'));
		expect((await inbound(messaging, 'sms_gateway', forged, log)).status).toBe(401);
		expect(got).toEqual([]);
		expect(lines.filter((l) => /signature/.test(l.msg))).toHaveLength(2);
		expect((await inbound(messaging, 'sms_gateway', signed(event), log)).status).toBe(200);
		expect(got).toEqual([
			expect.objectContaining({ externalId: 'evt-1', address: '+992937654321', text: 'Салом' })
		]);
		expect(got[0].receivedAt.toISOString()).toBe('2026-12-08T00:00:00.000Z');
	});

	it('a body over the bound is 413, not read to its end', async () => {
		const big = signed('x'.repeat(INBOUND_MAX_BYTES + 1));
		expect((await inbound(messaging, 'sms_gateway', big, log)).status).toBe(413);
	});
});
