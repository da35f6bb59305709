/**
 * The after-action report as files: CSV (RFC 4180 by papaparse, formulae escaped so that inject
 * text never runs as a spreadsheet formula; times ISO 8601 UTC, durations in seconds, for tools)
 * and Markdown (for people: times in Dushanbe with UTC beside, in the page's language).
 */
import Papa from 'papaparse';
import { formatDuration } from '$lib/drills/format';
import { formatDateTime } from '$lib/format';
import { CSV_FORMULA } from '../exports/files';
import type { AfterActionReport, ReportLine } from './report';
import type { RequestSection } from './report-requests';

const iso = (d: Date | null) => (d ? d.toISOString() : '');
const seconds = (ms: number | null) => (ms === null ? '' : Math.round(ms / 1000));

export function reportCsv(r: AfterActionReport): string {
	const fields = [
		'exercise',
		'inject',
		'scenario_sec',
		'expected_kind',
		'expected_action',
		'message',
		'delivered_at',
		'acted_at',
		'actor',
		'response_s',
		'outcome',
		'incidents'
	];
	const data = r.lines.map((l) => [
		r.exercise,
		l.number,
		l.scenarioSec,
		l.expectedKind,
		l.expectedAction ?? '',
		l.message,
		iso(l.deliveredAt),
		iso(l.actedAt),
		l.actor ?? '',
		seconds(l.responseMs),
		l.outcome,
		l.incidents.join(' ')
	]);
	return Papa.unparse({ fields, data }, { escapeFormulae: CSV_FORMULA, newline: '\r\n' }) + '\r\n';
}

/** The requests of the drill (`report.csv?part=requests`): one row each, times to assign and deliver. */
export function requestsCsv(exercise: string, s: RequestSection): string {
	const fields = [
		'exercise',
		'request',
		'inject',
		'kind',
		'quantity',
		'requester',
		'priority',
		'status',
		'requested_at',
		'needed_by',
		'assigned_at',
		'delivered_at',
		'to_assign_s',
		'to_deliver_s',
		'late'
	];
	const data = s.lines.map((l) => [
		exercise,
		l.id,
		l.inject ?? '',
		l.kindId,
		l.quantity,
		l.requester,
		l.priority,
		l.status,
		iso(l.requestedAt),
		iso(l.neededBy),
		iso(l.assignedAt),
		iso(l.deliveredAt),
		seconds(l.toAssignMs),
		seconds(l.toDeliverMs),
		l.late ? 'yes' : 'no'
	]);
	return Papa.unparse({ fields, data }, { escapeFormulae: CSV_FORMULA, newline: '\r\n' }) + '\r\n';
}

/** Words of the requests' part of the Markdown report. */
export interface RequestWords {
	title: string;
	none: string;
	medianAssign: string;
	medianDeliver: string;
	request: string;
	requested: string;
	toAssign: string;
	toDeliver: string;
	late: string;
	inject: (n: number) => string;
	notMade: (ids: string) => string;
	/** Why a request was not made, from its problem key. */
	problem: (key: string) => string;
	unknownKinds: (kinds: string) => string;
}

/** The requests' section of the Markdown report (appended to reportMarkdown's). */
export function requestsMarkdown(
	s: RequestSection,
	w: RequestWords,
	kindName: (id: string) => string
): string {
	const time = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
	const out = ['', `## ${cell(w.title)}`, ''];
	if (s.lines.length === 0) out.push(w.none);
	else
		out.push(
			`- ${w.medianAssign}: ${time(s.medianAssignMs)}`,
			`- ${w.medianDeliver}: ${time(s.medianDeliverMs)}`,
			'',
			`| ${w.request} | ${w.requested} | ${w.toAssign} | ${w.toDeliver} |`,
			'|---|---|---:|---:|',
			...s.lines.map(
				(l) =>
					`| ${cell(`${l.quantity} × ${kindName(l.kindId)} · ${l.requester}`)}${
						l.inject === null ? '' : ` (${cell(w.inject(l.inject))})`
					}${l.late ? ` · **${cell(w.late)}**` : ''} | ${formatDateTime(l.requestedAt)} | ${time(
						l.toAssignMs
					)} | ${time(l.toDeliverMs)} |`
			)
		);
	if (s.notMade.length > 0)
		out.push(
			'',
			cell(
				w.notMade(
					s.notMade
						.map(
							(x) =>
								`${x.id} (${w.inject(x.inject)}${x.problem ? `: ${w.problem(x.problem)}` : ''})`
						)
						.join(', ')
				)
			)
		);
	if (s.unknownKinds.length > 0) out.push('', cell(w.unknownKinds(s.unknownKinds.join(', '))));
	return out.join('\n') + '\n';
}

/** Words of the Markdown report, in the reader's language (the endpoint passes the messages). */
export interface ReportWords {
	title: string;
	exercise: string;
	end: string;
	running: string;
	summary: string;
	inject: string;
	expected: string;
	delivered: string;
	acted: string;
	response: string;
	outcome: string;
	outcomes: Record<ReportLine['outcome'], string>;
	kinds: Record<ReportLine['expectedKind'], string>;
}

/** A Markdown table cell: one line, pipes escaped, so field text cannot break the table. */
const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

export function reportMarkdown(r: AfterActionReport, w: ReportWords): string {
	const s = r.summary;
	const out = [
		`# ${cell(w.title)}`,
		'',
		`- ${w.exercise}: ${cell(r.exercise)}`,
		`- ${w.end}: ${formatDateTime(r.end)}${r.ended ? '' : ` (${w.running})`}`,
		`- ${w.summary}: ${s.expected} / ${w.outcomes.done} ${s.done} / ${w.outcomes.missed} ${s.missed} / ${w.outcomes.pending} ${s.pending}` +
			(s.medianMs === null ? '' : ` / ${w.response} ${formatDuration(s.medianMs)}`),
		'',
		`| ${w.inject} | ${w.expected} | ${w.delivered} | ${w.acted} | ${w.response} | ${w.outcome} |`,
		'|---:|---|---|---|---:|---|'
	];
	for (const l of r.lines)
		out.push(
			`| ${l.number} | ${cell(w.kinds[l.expectedKind])}: ${cell(l.expectedAction ?? l.message)} | ${formatDateTime(l.deliveredAt)} | ${
				l.actedAt ? `${formatDateTime(l.actedAt)}${l.actor ? ` · ${cell(l.actor)}` : ''}` : '—'
			} | ${l.responseMs === null ? '—' : formatDuration(l.responseMs)} | ${w.outcomes[l.outcome]} |`
		);
	return out.join('\n') + '\n';
}
