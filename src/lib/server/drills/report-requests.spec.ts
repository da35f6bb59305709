import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { requestsCsv, requestsMarkdown, type RequestWords } from './report-export';
import { injectOfRequests, requestSection, type ReportRequest } from './report-requests';

const T = (min: number) => new Date(Date.UTC(2026, 4, 7, 3, min)).toISOString();
const request = (id: string, over: Partial<ReportRequest>): ReportRequest => ({
	id,
	kindId: 'tent',
	quantity: 150,
	requester: 'Hukumat of Vose',
	priority: 'high',
	status: 'requested',
	requestedAt: T(0),
	neededBy: null,
	assignedAt: null,
	deliveredAt: null,
	...over
});
const END = new Date(T(60));

const WORDS: RequestWords = {
	title: 'Requests',
	none: 'None.',
	medianAssign: 'to assign',
	medianDeliver: 'to deliver',
	request: 'Request',
	requested: 'Requested',
	toAssign: 'Assign',
	toDeliver: 'Deliver',
	late: 'late',
	inject: (n) => `inject #${n}`,
	notMade: (ids) => `not made: ${ids}`,
	problem: (k) => k,
	unknownKinds: (kinds) => kinds
};

describe('the requests of the after-action report', () => {
	it('measures each request to its assignment and to its delivery, with the medians', () => {
		const s = requestSection(
			[
				request('b', {
					requestedAt: T(10),
					status: 'delivered',
					assignedAt: T(14),
					deliveredAt: T(40),
					neededBy: T(30)
				}),
				request('a', {
					status: 'delivered',
					assignedAt: T(2),
					deliveredAt: T(20),
					neededBy: T(30)
				}),
				request('c', { requestedAt: T(20), status: 'assigned', assignedAt: T(26) }),
				request('d', { requestedAt: T(30), neededBy: T(45) }),
				request('e', { requestedAt: T(31), status: 'refused', neededBy: T(32) })
			],
			new Map([['a', 21]]),
			END
		);
		expect(s.lines.map((l) => [l.id, l.inject, l.toAssignMs, l.toDeliverMs, l.late])).toEqual([
			['a', 21, 2 * 60_000, 20 * 60_000, false],
			['b', null, 4 * 60_000, 30 * 60_000, true], // delivered ten minutes after it was needed
			['c', null, 6 * 60_000, null, false], // no needed-by: never late
			['d', null, null, null, true], // open past its needed-by at the end
			['e', null, null, null, false] // refused: not late, closed
		]);
		expect(s).toMatchObject({
			assigned: 3,
			delivered: 2,
			late: 2,
			medianAssignMs: 4 * 60_000,
			medianDeliverMs: 25 * 60_000,
			maxAssignMs: 6 * 60_000,
			maxDeliverMs: 30 * 60_000,
			notMade: [],
			unknownKinds: []
		});
	});

	it('has no times for a drill without requests', () => {
		expect(requestSection([], new Map(), END)).toEqual({
			lines: [],
			assigned: 0,
			delivered: 0,
			late: 0,
			medianAssignMs: null,
			medianDeliverMs: null,
			maxAssignMs: null,
			maxDeliverMs: null,
			notMade: [],
			unknownKinds: []
		});
	});

	it('names the scripted requests by their inject, and those the EOC did not make', () => {
		const injectOf = injectOfRequests([
			{
				number: 20,
				effects: [
					{ family: 'resource_request', id: 'x-r20-0', sender: 'exercise:x', msgId: 'x-r20-0' }
				]
			},
			{
				number: 21,
				effects: [
					{ family: 'incident_report', id: null, sender: 'public', msgId: 'x-9' },
					{ family: 'resource_request', id: 'x-r21-0', sender: 'exercise:x', msgId: 'x-r21-0' },
					{ family: 'resource_request', id: 'x-r21-1', sender: 'exercise:x', msgId: 'x-r21-1' }
				]
			}
		]);
		expect([...injectOf]).toEqual([
			['x-r20-0', 20],
			['x-r21-0', 21],
			['x-r21-1', 21]
		]);
		const s = requestSection([request('x-r21-0', {})], injectOf, END);
		expect(s.lines[0].inject).toBe(21);
		expect(s.notMade).toEqual([
			{ id: 'x-r20-0', inject: 20, problem: null },
			{ id: 'x-r21-1', inject: 21, problem: null }
		]);
		// With what the ingest recorded: why each was not made, and the kinds the EOC lacks.
		const noted = requestSection([request('x-r21-0', {})], injectOf, END, {
			problems: new Map([['x-r20-0', 'req_kind_unknown']]),
			unknownKinds: ['backhoe']
		});
		expect(noted.notMade[0]).toEqual({ id: 'x-r20-0', inject: 20, problem: 'req_kind_unknown' });
		expect(noted.unknownKinds).toEqual(['backhoe']);
		const md = requestsMarkdown(
			noted,
			{
				...WORDS,
				problem: (k) => `[${k}]`,
				unknownKinds: (kinds) => `unknown kinds: ${kinds}`
			},
			String
		);
		expect(md).toContain('x-r20-0 (inject #20: [req_kind_unknown])');
		expect(md).toContain('unknown kinds: backhoe');
	});

	it('writes the requests as CSV and as Markdown, field text kept in its cell', () => {
		const s = requestSection(
			[
				request('x-r21-0', {
					requester: '=Vose|hukumat',
					status: 'delivered',
					assignedAt: T(3),
					deliveredAt: T(50),
					neededBy: T(30)
				})
			],
			new Map([['x-r21-0', 21]]),
			END
		);
		const rows = Papa.parse<Record<string, string>>(requestsCsv('x', s), {
			header: true,
			skipEmptyLines: true
		}).data;
		expect(rows).toEqual([
			expect.objectContaining({
				exercise: 'x',
				request: 'x-r21-0',
				inject: '21',
				kind: 'tent',
				requested_at: '2026-05-07T03:00:00.000Z',
				to_assign_s: '180',
				to_deliver_s: '3000',
				late: 'yes'
			})
		]);
		expect(rows[0].requester.startsWith("'=")).toBe(true);
		const words = WORDS;
		const md = requestsMarkdown(s, words, (id) => (id === 'tent' ? 'Tent' : id));
		const table = md.split('\n').filter((l) => l.startsWith('| '));
		expect(table).toHaveLength(2);
		expect(table[1]).toContain('150 × Tent · =Vose\\|hukumat (inject #21) · **late**');
		expect(table[1]).toContain('| 3:00 | 50:00 |');
		expect(md).toContain('- to assign: 3:00');
		expect(requestsMarkdown(requestSection([], new Map(), END), words, String)).toContain('None.');
	});
});
