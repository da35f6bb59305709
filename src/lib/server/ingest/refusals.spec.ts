import { describe, expect, it } from 'vitest';
import { refusedPayloadSchema, topics } from '$lib/contracts';
import type { DeadLetterNote } from './batch';
import { refusalFeedback } from './refusals';

const NOW = new Date('2026-05-07T02:33:00Z');
const note = (over: Partial<DeadLetterNote>): DeadLetterNote => ({
	topic: topics.status('kulob-medic-1'),
	payload: Buffer.from('{"msgId":"m-1"}'),
	reason: 'schema',
	detail: 'status: required',
	msgId: 'm-1',
	...over
});

describe('who is told of a dead letter', () => {
	it("the publishing device's team, whatever topic it used", () => {
		const f = refusalFeedback(
			note({
				reason: 'not_authorized',
				relayer: { username: 'kulob-rescue-1.abcd2345', teamId: 'kulob-rescue-1' }
			}),
			NOW
		);
		expect(f?.teamId).toBe('kulob-rescue-1');
		expect(refusedPayloadSchema.parse(f?.payload)).toMatchObject({
			refusedMsgId: 'm-1',
			topic: topics.status('kulob-medic-1'),
			reason: 'not_authorized',
			detail: 'status: required'
		});
	});

	it('without a device, the team of a team topic it was sent to', () => {
		expect(refusalFeedback(note({}), NOW)?.teamId).toBe('kulob-medic-1');
		expect(refusalFeedback(note({ topic: topics.taskingAck('t-2') }), NOW)?.teamId).toBe('t-2');
		expect(refusalFeedback(note({ topic: topics.position('t-3') }), NOW)?.teamId).toBe('t-3');
	});

	it('nobody for other topics, a drill, or the EOC’s own families (no loop)', () => {
		expect(refusalFeedback(note({ topic: topics.incidentReport() }), NOW)).toBeNull();
		expect(refusalFeedback(note({ topic: 'eoc/v1/nothing' }), NOW)).toBeNull();
		expect(
			refusalFeedback(note({ payload: Buffer.from('{"msgId":"m","exercise":"kx-1"}') }), NOW)
		).toBeNull();
		const device = { username: 'a.abcd2345', teamId: 'a' };
		expect(refusalFeedback(note({ topic: topics.refused('a'), relayer: device }), NOW)).toBeNull();
		expect(refusalFeedback(note({ topic: topics.tasking('a'), relayer: device }), NOW)).toBeNull();
	});

	it('keeps within the contract: long details are cut, a missing msgId is left out', () => {
		const f = refusalFeedback(note({ detail: 'x'.repeat(2000), msgId: null }), NOW);
		const p = refusedPayloadSchema.parse(f?.payload);
		expect(p.detail.length).toBe(500);
		expect('refusedMsgId' in p).toBe(false);
	});
});
