import { describe, expect, it } from 'vitest';
import { MAX_ACK_REASON, matchTopic, parseMessage, topics } from './index';
import { toPayload } from './testing';

const NOW = new Date('2026-05-07T02:10:00Z');
const TS = '2026-05-07T07:09:00+05:00';
const accept = { msgId: 'kr2-ack-1', ts: TS, taskingId: 'tasking-0011aabb', answer: 'accepted' };
const parse = (body: unknown, team = 'kr-2') =>
	parseMessage(topics.taskingAck(team), toPayload(body), NOW);

describe('tasking ack (eoc/v1/teams/{teamId}/tasking/ack)', () => {
	it('has its own topic, apart from the tasking it answers', () => {
		expect(topics.taskingAck('kr-2')).toBe('eoc/v1/teams/kr-2/tasking/ack');
		expect(matchTopic('eoc/v1/teams/kr-2/tasking/ack')).toEqual({
			family: 'tasking_ack',
			id: 'kr-2'
		});
		expect(matchTopic('eoc/v1/teams/kr-2/tasking')).toEqual({ family: 'tasking', id: 'kr-2' });
		expect(() => topics.taskingAck('kr 2')).toThrow(RangeError);
	});

	it('accepts an accept, from the team of its topic', () => {
		const r = parse({ ...accept, note: 'leaving now' });
		expect(r).toMatchObject({
			ok: true,
			message: {
				family: 'tasking_ack',
				teamId: 'kr-2',
				sender: 'team:kr-2',
				msgId: 'kr2-ack-1',
				body: { taskingId: 'tasking-0011aabb', answer: 'accepted', note: 'leaving now' }
			}
		});
	});

	it('accepts a decline with a reason', () => {
		const r = parse({ ...accept, answer: 'declined', reason: 'Road closed at the ford' });
		expect(r.ok && r.message.family === 'tasking_ack' && r.message.body.reason).toBe(
			'Road closed at the ford'
		);
	});

	it('refuses a decline without a reason, or with a blank one, naming the field', () => {
		for (const [body, detail] of [
			[{ ...accept, answer: 'declined' }, /^reason: a decline needs a reason/],
			[{ ...accept, answer: 'declined', reason: '   ' }, /^reason: a reason must not be blank/]
		] as const) {
			const r = parse(body);
			expect(r).toMatchObject({ ok: false, reason: 'schema', family: 'tasking_ack' });
			expect(!r.ok && r.detail).toMatch(detail);
		}
	});

	it('refuses a bad answer, a missing tasking id and an overlong reason', () => {
		const cases: [unknown, RegExp][] = [
			[{ ...accept, answer: 'maybe' }, /^answer: /],
			[{ ...accept, answer: undefined }, /^answer: /],
			[{ ...accept, taskingId: undefined }, /^taskingId: /],
			[{ ...accept, taskingId: '' }, /^taskingId: /],
			[{ ...accept, answer: 'declined', reason: 'x'.repeat(MAX_ACK_REASON + 1) }, /^reason: /]
		];
		for (const [body, detail] of cases) {
			const r = parse(body);
			expect(r, JSON.stringify(body).slice(0, 80)).toMatchObject({ ok: false, reason: 'schema' });
			expect(!r.ok && r.detail).toMatch(detail);
		}
	});
});
