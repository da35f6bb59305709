/**
 * The alarms part of the after-action report: every alarm the drill raised, how long the operators
 * took to acknowledge it (first seen → acknowledged), and the median of those times. Pure: the
 * alarms come in as the stream shows them (AlarmView), the section comes out.
 */
import type { AlarmView } from '$lib/live/types';
import { median } from './report';

export interface AlarmLine {
	id: string;
	ruleName: string;
	ruleKind: string;
	subject: string;
	level: string;
	firstSeen: Date;
	acknowledgedAt: Date | null;
	acknowledgedBy: string | null;
	ackComment: string | null;
	clearedAt: Date | null;
	/** acknowledgedAt − firstSeen, ms; null when nobody acknowledged it. */
	ackMs: number | null;
}

export interface AlarmSection {
	lines: AlarmLine[];
	/** How many were acknowledged, and the median and longest time to do so (ms). */
	acknowledged: number;
	medianAckMs: number | null;
	maxAckMs: number | null;
}

const date = (ts: string | null) => (ts ? new Date(ts) : null);

/** What the section needs of an alarm (entities/alarm/read.ts alarmsOfExercise, or an AlarmView). */
export type ReportAlarm = Pick<
	AlarmView,
	| 'id'
	| 'ruleName'
	| 'ruleKind'
	| 'subjectId'
	| 'subjectName'
	| 'firstSeen'
	| 'acknowledgedAt'
	| 'acknowledgedBy'
	| 'clearedAt'
> & { level: string; ackComment?: string | null };

/** Oldest first, as the drill ran. */
export function alarmSection(alarms: readonly ReportAlarm[]): AlarmSection {
	const lines = alarms
		.map((a): AlarmLine => {
			const firstSeen = new Date(a.firstSeen);
			const acknowledgedAt = date(a.acknowledgedAt);
			return {
				id: a.id,
				ruleName: a.ruleName,
				ruleKind: a.ruleKind,
				subject: a.subjectName?.trim() || a.subjectId,
				level: a.level,
				firstSeen,
				acknowledgedAt,
				acknowledgedBy: a.acknowledgedBy,
				ackComment: a.ackComment ?? null,
				clearedAt: date(a.clearedAt),
				ackMs: acknowledgedAt ? Math.max(0, acknowledgedAt.getTime() - firstSeen.getTime()) : null
			};
		})
		.sort((a, b) => a.firstSeen.getTime() - b.firstSeen.getTime() || (a.id < b.id ? -1 : 1));
	const times = lines.flatMap((l) => (l.ackMs === null ? [] : [l.ackMs]));
	return {
		lines,
		acknowledged: times.length,
		medianAckMs: median(times),
		maxAckMs: times.length ? Math.max(...times) : null
	};
}
