import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	refusedPayloadSchema,
	taskingPayloadSchema,
	type RefusedPayload
} from '$lib/contracts/teams';
import { readRefusal, readTasking } from './incoming';
import { normalizePairingCode as normaliseCode } from '$lib/pairing-code';
import { codeFromHash } from './pair';

const tasking: z.input<typeof taskingPayloadSchema> = {
	msgId: 'task-7',
	ts: '2026-12-07T09:30:00Z',
	incidentId: 'inc-1',
	message: 'Go to the Yakhsu bridge',
	priority: 2,
	incident: { title: 'Sel at Yakhsu', type: 'mudflow', severity: 4, lat: 37.9, lon: 69.8 }
};

describe('what the EOC sends the phone', () => {
	it('reads what the contract lets the EOC send', () => {
		const sent = taskingPayloadSchema.parse(tasking);
		expect(readTasking(JSON.stringify(sent))?.incident?.title).toBe('Sel at Yakhsu');
		const refusal: RefusedPayload = refusedPayloadSchema.parse({
			msgId: 'r-0',
			ts: '2026-12-07T09:30:00Z',
			refusedMsgId: 'f-0',
			topic: 'eoc/v1/teams/other/status',
			reason: 'not_authorized',
			detail: 'field-a.x1 may not publish to eoc/v1/teams/other/status'
		});
		expect(readRefusal(JSON.stringify(refusal))).toMatchObject({
			refusedMsgId: 'f-0',
			reason: 'not_authorized'
		});
	});

	it('reads a tasking with its incident, and one without', () => {
		const t = readTasking(JSON.stringify(tasking), 5);
		expect(t).toMatchObject({ msgId: 'task-7', incidentId: 'inc-1', priority: 2, receivedAt: 5 });
		expect(t?.incident).toMatchObject({ title: 'Sel at Yakhsu', lat: 37.9, lon: 69.8 });
		const bare = readTasking(JSON.stringify({ ...tasking, incident: undefined }));
		expect(bare?.incident).toBeUndefined();
	});

	it('ignores what is not a tasking, and an incident without a place', () => {
		expect(readTasking('not json')).toBeNull();
		expect(readTasking('[]')).toBeNull();
		expect(readTasking(JSON.stringify({ ...tasking, incidentId: '' }))).toBeNull();
		expect(readTasking(JSON.stringify({ ...tasking, message: 'x'.repeat(1001) }))).toBeNull();
		const odd = readTasking(JSON.stringify({ ...tasking, incident: { title: 'x', lat: 200 } }));
		expect(odd?.incident).toBeUndefined();
	});

	it('reads a refusal and keeps its detail short', () => {
		const r = readRefusal(
			JSON.stringify({
				msgId: 'r-1',
				ts: '2026-12-07T09:30:00Z',
				refusedMsgId: 'f-1',
				topic: 'eoc/v1/teams/b/status',
				reason: 'not_authorized',
				detail: 'x'.repeat(900)
			})
		);
		expect(r).toMatchObject({ refusedMsgId: 'f-1', reason: 'not_authorized' });
		expect(r?.detail).toHaveLength(500);
		expect(readRefusal(JSON.stringify({ msgId: 'r', ts: 't', topic: 'x' }))).toBeNull();
	});
});

describe('pairing codes', () => {
	it('accepts any case, spaces and dashes; refuses the rest', () => {
		expect(normaliseCode('abcd-efgh')).toBe('ABCDEFGH');
		expect(normaliseCode(' AB CD EF 23 ')).toBe('ABCDEF23');
		expect(normaliseCode('ABCD-EFG')).toBeNull();
		expect(normaliseCode('ABCD-EFGH1')).toBeNull();
		expect(normaliseCode('ABCD_EFGH')).toBeNull();
	});

	it('reads the code from a pairing link', () => {
		expect(codeFromHash('#pair=WXYZ-2345')).toBe('WXYZ2345');
		expect(codeFromHash('#other=1')).toBeNull();
		expect(codeFromHash('')).toBeNull();
	});
});
