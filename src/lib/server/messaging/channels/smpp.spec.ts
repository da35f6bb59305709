import * as smpp from 'smpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLog, startSmpp, type SmppTestServer } from '../../../../../tests/helpers/messaging';
import { waitFor } from '../../../../../tests/helpers/ports';
import type { DeliveryReport, Incoming } from '../channel';
import { createSmpp } from './smpp';

const TAJIK = 'Огоҳӣ: сел дар дараи Ёхсу. Ба ҷойҳои баланд равед!';
const LONG =
	'Огоҳии Кумитаи ҳолатҳои фавқулодда: аз соати 18:00 то 06:00 дар дараҳои Ёхсу ва Кизилсу ' +
	'хатари сел зиёд аст. Ба наздикии дарё наравед, кӯдаконро назорат кунед.';

describe('SMPP channel (against a local SMSC)', () => {
	let smsc: SmppTestServer;
	let channel: ReturnType<typeof createSmpp>;
	const { log } = memoryLog();
	const incoming: Incoming[] = [];
	const delivered: DeliveryReport[] = [];
	let failIncoming = false;

	beforeAll(async () => {
		smsc = await startSmpp();
		channel = createSmpp(
			{ url: smsc.url, sourceAddr: 'EOC', ratePerSecond: 20, enquireLinkMs: 200 },
			log
		);
		await channel.start({
			incoming: async (m) => {
				if (failIncoming) throw new Error('database down');
				incoming.push(m);
			},
			delivered: async (r) => void delivered.push(r)
		});
		await waitFor('bound', () => channel.health().up);
	});
	afterAll(async () => {
		await channel.stop();
		await smsc.stop();
	});

	it('binds as a transceiver and keeps the bind with enquire_link', async () => {
		expect(smsc.bound()).toBe(1);
		await waitFor('two enquire_links', () => smsc.enquireLinks >= 2);
		expect(channel.health()).toMatchObject({ up: true, error: null });
		expect(channel.lookup).toBeUndefined();
	});

	it('sends Tajik Cyrillic as UCS-2, intact', async () => {
		const r = await channel.send({ key: 's-1', address: '+992931234567', body: TAJIK });
		const m = smsc.messages.at(-1)!;
		expect(r).toEqual({ ok: true, externalId: m.messageIds[0] });
		expect(m).toMatchObject({
			destination: '992931234567',
			source: 'EOC',
			dataCoding: 8,
			text: TAJIK,
			segments: 1
		});
	});

	it('a text over 70 UCS-2 characters goes as concatenated segments the SMSC joins back', async () => {
		expect(LONG.length).toBeGreaterThan(134);
		const before = smsc.segments.length;
		expect((await channel.send({ key: 's-long', address: '+992931234567', body: LONG })).ok).toBe(
			true
		);
		const segs = smsc.segments.slice(before);
		expect(segs.length).toBe(Math.ceil(LONG.length / 67));
		expect(segs.every((s) => s.esmClass & 0x40 && s.dataCoding === 8 && s.text.length <= 67)).toBe(
			true
		);
		expect(smsc.messages.at(-1)).toMatchObject({ text: LONG, segments: segs.length });
	});

	it('Latin text goes in the GSM alphabet', async () => {
		await channel.send({
			key: 's-latin',
			address: '+992931234567',
			body: 'Flood warning: go to high ground'
		});
		expect(smsc.messages.at(-1)).toMatchObject({
			dataCoding: 0,
			text: 'Flood warning: go to high ground'
		});
	});

	it('throttling is retried after a wait; an invalid destination is refused for good', async () => {
		smsc.failNext(1, smpp.ESME_RTHROTTLED);
		expect(await channel.send({ key: 's-thr', address: '+992931234567', body: 'x' })).toMatchObject(
			{
				ok: false,
				retry: true,
				retryAfterMs: 1000
			}
		);
		smsc.failNext(1, smpp.ESME_RSYSERR);
		expect(await channel.send({ key: 's-sys', address: '+992931234567', body: 'x' })).toMatchObject(
			{
				ok: false,
				retry: true
			}
		);
		smsc.failNext(1, smpp.ESME_RINVDSTADR);
		const bad = await channel.send({ key: 's-inv', address: '+992931234567', body: 'x' });
		expect(bad).toMatchObject({ ok: false, retry: false });
		expect((bad as { reason: string }).reason).toContain('0xb');
	});

	it('an inbound SMS (deliver_sm) reaches the incoming handler once; a failing handler makes the SMSC retry', async () => {
		const before = incoming.length;
		expect(await smsc.deliver('+992937654321', '1234', TAJIK)).toBe(0);
		expect(incoming.slice(before)).toEqual([
			expect.objectContaining({ channel: 'smpp', address: '+992937654321', text: TAJIK })
		]);
		failIncoming = true;
		expect(await smsc.deliver('+992937654321', '1234', 'дубора')).toBe(0x64);
		failIncoming = false;
		expect(incoming.length).toBe(before + 1);
	});

	it('delivery receipts reach the delivered handler by the message id', async () => {
		await channel.send({ key: 's-rcpt', address: '+992931234567', body: TAJIK });
		const id = smsc.messages.at(-1)!.messageIds[0];
		expect(await smsc.receipt(id, true)).toBe(0);
		expect(await smsc.receipt(id, false)).toBe(0);
		expect(delivered.slice(-2)).toEqual([
			expect.objectContaining({ channel: 'smpp', externalId: id, delivered: true }),
			expect.objectContaining({ externalId: id, delivered: false, reason: 'UNDELIV' })
		]);
	});

	it('when the SMSC is gone a send is retried with the reason, and the link binds again when it is back', async () => {
		const binds = smsc.binds;
		await smsc.refuse();
		try {
			await waitFor('down', () => !channel.health().up);
			const r = await channel.send({ key: 's-down', address: '+992931234567', body: 'x' });
			expect(r).toMatchObject({ ok: false, retry: true });
			expect((r as { reason: string }).reason).toMatch(
				/not bound: SMPP: (connection refused|connection closed)/
			);
		} finally {
			await smsc.accept();
		}
		await waitFor('bound again', () => smsc.binds > binds && channel.health().up, 60_000);
		expect((await channel.send({ key: 's-back', address: '+992931234567', body: TAJIK })).ok).toBe(
			true
		);
	});
});

it('a wrong SMPP password leaves the channel down with the reason', async () => {
	const smsc = await startSmpp();
	const { log } = memoryLog();
	const bad = smsc.url.replace('smpppass', 'wrong');
	const channel = createSmpp(
		{ url: bad, sourceAddr: '+992900000000', ratePerSecond: 1, responseTimeoutMs: 2000 },
		log
	);
	try {
		await channel.start({ incoming: async () => {}, delivered: async () => {} });
		await waitFor('refused', () => /bind refused/.test(channel.health().error ?? ''));
		expect(channel.health().up).toBe(false);
	} finally {
		await channel.stop();
		await smsc.stop();
	}
});
