import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildReport, incidentsOf, type OperatorAction, type ReportInject } from './report';
import { reportCsv, reportMarkdown, type ReportWords } from './report-export';

const T0 = Date.UTC(2026, 4, 7, 1, 0, 0);
const at = (sec: number) => new Date(T0 + sec * 1000);
// The ingest's rule is not under test here: any deterministic mapping will do.
const rid = (sender: string, msgId: string) => `r-${sender}-${msgId}`;

function inject(n: number, kind: string, deliveredSec: number, msgId = `m${n}`): ReportInject {
	return {
		number: n,
		scenarioSec: n * 600,
		type: kind === 'none' ? 'contextual' : 'expected_action',
		fromActor: 'Kulob rescue unit',
		toPlayer: 'EOC duty operator',
		message: `Inject ${n}`,
		expectedAction: `Do ${kind}`,
		expectedKind: kind,
		objective: null,
		effects: [{ family: 'incident_report', id: null, sender: 'sim', msgId }],
		deliveredAt: at(deliveredSec)
	};
}
const act = (
	kind: string,
	incidentId: string,
	sec: number,
	extra: Partial<OperatorAction> = {}
) => ({
	kind,
	incidentId,
	at: at(sec),
	actor: 'op@eoc.tj',
	...extra
});

describe('buildReport', () => {
	const injects = [
		inject(1, 'accept_report', 0),
		inject(2, 'assign', 100),
		inject(3, 'verify_event', 200),
		inject(4, 'acknowledge', 300),
		inject(5, 'none', 400)
	];

	it('measures each expected action from delivery to the first action that satisfies it', () => {
		const r = buildReport({
			exercise: 'ex1',
			injects,
			actions: [
				act('acknowledged', 'r-sim-m1', 30), // not an acceptance
				act('accepted', 'r-sim-m1', 95),
				act('accepted', 'r-sim-m1', 500), // a later one does not count twice
				act('assigned', 'r-sim-m2', 50), // before inject 2 was delivered: not its answer
				act('assigned', 'r-sim-m2', 340),
				act('verified', 'r-sim-m3', 260)
			],
			reportIncident: rid,
			endedAt: at(1000),
			now: at(2000)
		});
		expect(r.lines.map((l) => [l.number, l.outcome, l.responseMs])).toEqual([
			[1, 'done', 95_000],
			[2, 'done', 240_000],
			[3, 'done', 60_000],
			[4, 'missed', null]
		]);
		expect(r.lines[0].actor).toBe('op@eoc.tj');
		expect(r.summary).toEqual({
			expected: 4,
			done: 3,
			missed: 1,
			pending: 0,
			medianMs: 95_000,
			maxMs: 240_000
		});
	});

	it('calls an unanswered inject pending while the drill runs, and ignores actions after the end', () => {
		const running = buildReport({
			exercise: 'ex1',
			injects: injects.slice(0, 1),
			actions: [],
			reportIncident: rid,
			endedAt: null,
			now: at(50)
		});
		expect(running.lines[0].outcome).toBe('pending');
		expect(running.ended).toBe(false);
		const late = buildReport({
			exercise: 'ex1',
			injects: injects.slice(0, 1),
			actions: [act('accepted', 'r-sim-m1', 1200)],
			reportIncident: rid,
			endedAt: at(1000),
			now: at(2000)
		});
		expect(late.lines[0].outcome).toBe('missed');
	});

	it('follows a report merged into a known incident: the merge handles it, later work counts', () => {
		const r = buildReport({
			exercise: 'ex1',
			injects: [inject(1, 'accept_report', 0), inject(2, 'assign', 10, 'm1')],
			actions: [act('merged', 'r-sim-m1', 40, { into: 'i-known' }), act('assigned', 'i-known', 70)],
			reportIncident: rid,
			endedAt: at(1000),
			now: at(1000)
		});
		expect(r.lines.map((l) => [l.outcome, l.responseMs])).toEqual([
			['done', 40_000],
			['done', 60_000]
		]);
		expect(r.summary.medianMs).toBe(50_000);
	});

	it('finds incidents from report and update effects only', () => {
		expect(
			incidentsOf(
				[
					{ family: 'incident_report', id: null, sender: 's', msgId: 'a' },
					{ family: 'incident_update', id: 'inc-9', sender: 's', msgId: 'b' },
					{ family: 'position', id: 'team-1', sender: 's', msgId: 'c' }
				],
				rid
			)
		).toEqual(['r-s-a', 'inc-9']);
	});
});

describe('report exports', () => {
	const words: ReportWords = {
		title: 'After-action report',
		exercise: 'Exercise',
		end: 'End',
		running: 'running',
		summary: 'Expected actions',
		inject: 'Inject',
		expected: 'Expected',
		delivered: 'Delivered',
		acted: 'Acted',
		response: 'Response',
		outcome: 'Outcome',
		outcomes: { done: 'done', missed: 'missed', pending: 'pending' },
		kinds: {
			accept_report: 'accept',
			acknowledge: 'acknowledge',
			assign: 'assign',
			verify_event: 'verify'
		}
	};
	const hostile = { ...inject(1, 'accept_report', 0), expectedAction: '=HYPERLINK("x")|\nrow' };
	const report = buildReport({
		exercise: 'ex1',
		injects: [hostile, inject(2, 'assign', 10)],
		actions: [act('accepted', 'r-sim-m1', 95)],
		reportIncident: rid,
		endedAt: at(1000),
		now: at(1000)
	});

	it('writes CSV that parses back, times in UTC, formulae kept as text', () => {
		const parsed = Papa.parse<Record<string, string>>(reportCsv(report), {
			header: true,
			skipEmptyLines: true
		});
		expect(parsed.data).toHaveLength(2);
		expect(parsed.data[0]).toMatchObject({
			inject: '1',
			delivered_at: '2026-05-07T01:00:00.000Z',
			acted_at: '2026-05-07T01:01:35.000Z',
			response_s: '95',
			outcome: 'done'
		});
		expect(parsed.data[0].expected_action.startsWith("'=")).toBe(true);
		expect(parsed.data[1]).toMatchObject({ outcome: 'missed', acted_at: '', response_s: '' });
	});

	it('writes a Markdown table whose rows field text cannot break, times in Dushanbe with UTC', () => {
		const md = reportMarkdown(report, words);
		const rows = md.split('\n').filter((l) => l.startsWith('| '));
		expect(rows).toHaveLength(3); // header and two injects
		expect(rows[1]).toContain('\\|');
		expect(rows[1]).toContain('2026-05-07 06:00 (01:00 UTC)');
		expect(rows[1]).toContain('| 1:35 |');
		expect(rows[2]).toContain('missed');
	});
});
