/**
 * The taskings part of the after-action report: every tasking the console sent a drill's team
 * (the `tasking` table), the team's answer (`eoc/v1/teams/{teamId}/tasking/ack`), the time from
 * sent to accepted, the declines with their reasons, and the median time to accept. Pure but for
 * the read; the Markdown and CSV forms sit beside it, like the other parts'.
 */
import Papa from 'papaparse';
import { formatDuration } from '$lib/drills/format';
import { formatDateTime } from '$lib/format';
import type { Queryable } from '../db/types';
import { CSV_FORMULA } from '../exports/files';
import { median } from './report';

export interface TaskingRow {
	id: string;
	teamId: string;
	callsign: string | null;
	incidentId: string;
	sentAt: Date;
	answer: 'accepted' | 'declined' | null;
	reason: string | null;
	answeredAt: Date | null;
}

export interface TaskingLine extends TaskingRow {
	/** answeredAt − sentAt of an accept, ms; null otherwise. */
	toAcceptMs: number | null;
}

export interface TaskingSection {
	lines: TaskingLine[];
	accepted: number;
	declined: number;
	medianAcceptMs: number | null;
}

/** The drill's taskings, oldest first. */
export async function taskingsOfExercise(q: Queryable, exercise: string): Promise<TaskingRow[]> {
	const rows = await q.query<{
		id: string;
		team_id: string;
		callsign: string | null;
		incident_id: string;
		sent_at: Date | string;
		answer: 'accepted' | 'declined' | null;
		reason: string | null;
		answered_at: Date | string | null;
	}>(
		`select k.id, k.team_id, t.callsign, k.incident_id, k.sent_at, k.answer, k.reason, k.answered_at
		from tasking k left join team t on t.id = k.team_id
		where k.exercise = $1 order by k.sent_at, k.id`,
		[exercise]
	);
	const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
	return rows.map((r) => ({
		id: r.id,
		teamId: r.team_id,
		callsign: r.callsign,
		incidentId: r.incident_id,
		sentAt: date(r.sent_at),
		answer: r.answer,
		reason: r.reason,
		answeredAt: r.answered_at === null ? null : date(r.answered_at)
	}));
}

export function taskingSection(rows: readonly TaskingRow[]): TaskingSection {
	const lines = rows.map((r) => ({
		...r,
		toAcceptMs:
			r.answer === 'accepted' && r.answeredAt
				? Math.max(0, r.answeredAt.getTime() - r.sentAt.getTime())
				: null
	}));
	const times = lines.flatMap((l) => (l.toAcceptMs === null ? [] : [l.toAcceptMs]));
	return {
		lines,
		accepted: times.length,
		declined: lines.filter((l) => l.answer === 'declined').length,
		medianAcceptMs: median(times)
	};
}

/** The taskings of the drill (`report.csv?part=taskings`): one row each. */
export function taskingsCsv(exercise: string, s: TaskingSection): string {
	const fields = [
		'exercise',
		'tasking',
		'team',
		'incident',
		'sent_at',
		'answer',
		'answered_at',
		'to_accept_s',
		'reason'
	];
	const data = s.lines.map((l) => [
		exercise,
		l.id,
		l.teamId,
		l.incidentId,
		l.sentAt.toISOString(),
		l.answer ?? '',
		l.answeredAt?.toISOString() ?? '',
		l.toAcceptMs === null ? '' : Math.round(l.toAcceptMs / 1000),
		l.reason ?? ''
	]);
	return Papa.unparse({ fields, data }, { escapeFormulae: CSV_FORMULA, newline: '\r\n' }) + '\r\n';
}

export interface TaskingWords {
	title: string;
	none: string;
	median: (time: string) => string;
	team: string;
	incident: string;
	sent: string;
	answer: string;
	time: string;
	/** "accepted 14:02 …", "declined: reason", "sent, not answered"; worded by the caller. */
	answerOf: (l: TaskingLine) => string;
}

/** A Markdown table cell: one line, pipes escaped, so field text cannot break the table. */
const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

export function taskingsMarkdown(s: TaskingSection, w: TaskingWords): string {
	const out = ['', `## ${cell(w.title)}`, ''];
	if (s.lines.length === 0) out.push(w.none);
	else
		out.push(
			`- ${w.median(s.medianAcceptMs === null ? '—' : formatDuration(s.medianAcceptMs))}`,
			'',
			`| ${w.team} | ${w.incident} | ${w.sent} | ${w.answer} | ${w.time} |`,
			'|---|---|---|---|---:|',
			...s.lines.map(
				(l) =>
					`| ${cell(l.callsign ?? l.teamId)} | ${cell(l.incidentId)} | ${formatDateTime(l.sentAt)} | ${cell(
						w.answerOf(l)
					)} | ${l.toAcceptMs === null ? '—' : formatDuration(l.toAcceptMs)} |`
			)
		);
	return out.join('\n') + '\n';
}
