/**
 * The after-action report of a drill (HSEEP's "after-action report", the part a clock can
 * measure): for every inject that expected an action of the EOC, when it was delivered, when the
 * operators acted, how long that took, and what was missed. Pure: the rows come in (report-data.ts
 * reads them), the report comes out; the page, the Markdown and the CSV all render this one value.
 */
import type { ExpectedActionKind } from '$sim';
import type { InjectEffectRef } from '../db/schema/exercises';

/** The kinds of action the report measures. */
export type ExpectedKind = Exclude<ExpectedActionKind, 'none'>;

/** An inject as delivered (exercise_inject). */
export interface ReportInject {
	number: number;
	scenarioSec: number;
	type: string;
	fromActor: string;
	toPlayer: string;
	message: string;
	expectedAction: string | null;
	expectedKind: string;
	objective: string | null;
	effects: InjectEffectRef[];
	deliveredAt: Date;
}

/** Something an operator did to an incident of the drill, as its tables record it. */
export interface OperatorAction {
	/** accepted, merged, rejected, acknowledged, assigned, updated (incident_event) or verified (log). */
	kind: string;
	incidentId: string;
	at: Date;
	actor: string | null;
	/** For a merge: the incident the report went into (its later actions count for the report). */
	into?: string;
}

export type Outcome = 'done' | 'missed' | 'pending';

export interface ReportLine {
	number: number;
	scenarioSec: number;
	message: string;
	expectedAction: string | null;
	expectedKind: ExpectedKind;
	objective: string | null;
	deliveredAt: Date;
	actedAt: Date | null;
	actor: string | null;
	/** actedAt − deliveredAt, in ms; null when no action yet. */
	responseMs: number | null;
	/** done; missed (no action by the end); pending (the drill still runs). */
	outcome: Outcome;
	/** The incidents the inject made (what the operators were expected to act on). */
	incidents: string[];
}

export interface AfterActionReport {
	exercise: string;
	/** The end the report measures to: the drill's end, or now while it runs. */
	end: Date;
	ended: boolean;
	lines: ReportLine[];
	summary: {
		expected: number;
		done: number;
		missed: number;
		pending: number;
		/** Median and longest response over the done lines, ms; null when none is done. */
		medianMs: number | null;
		maxMs: number | null;
	};
}

/** Which recorded actions satisfy each kind of expected action. */
const SATISFIES: Record<ExpectedKind, readonly string[]> = {
	// a report accepted as an incident, or merged into a known one: either way, handled
	accept_report: ['accepted', 'merged'],
	// accepting, rejecting, merging, editing and acknowledging all stop the wall's pulse
	acknowledge: ['acknowledged', 'accepted', 'rejected', 'merged', 'updated'],
	assign: ['assigned'],
	verify_event: ['verified']
};

export const EXPECTED_KINDS = Object.keys(SATISFIES) as ExpectedKind[];

export function isExpectedKind(k: string): k is ExpectedKind {
	return (EXPECTED_KINDS as string[]).includes(k);
}

/**
 * The incident ids an inject's effects made: a field report's incident id comes from its dedup
 * key (`reportIncident`, the ingest's own rule); an update names its incident in the topic.
 */
export function incidentsOf(
	effects: readonly InjectEffectRef[],
	reportIncident: (sender: string, msgId: string) => string
): string[] {
	const ids = new Set<string>();
	for (const e of effects) {
		if (e.family === 'incident_report') ids.add(reportIncident(e.sender, e.msgId));
		else if (e.family === 'incident_update' && e.id) ids.add(e.id);
	}
	return [...ids];
}

/** The median of durations (ms), rounded; null for none. */
export function median(xs: number[]): number | null {
	if (xs.length === 0) return null;
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/**
 * Builds the report. An action counts for an inject when it is of a kind that satisfies the
 * expected one, on one of the inject's incidents (or on the incident a report was merged into),
 * and not before the inject was delivered. The first such action is the response.
 */
export function buildReport(input: {
	exercise: string;
	injects: readonly ReportInject[];
	actions: readonly OperatorAction[];
	reportIncident: (sender: string, msgId: string) => string;
	/** The drill's end, or null while it runs (then `now` is the end measured to). */
	endedAt: Date | null;
	now: Date;
}): AfterActionReport {
	const end = input.endedAt ?? input.now;
	const mergedInto = new Map<string, string>();
	for (const a of input.actions)
		if (a.kind === 'merged' && a.into) mergedInto.set(a.incidentId, a.into);
	const actions = [...input.actions].sort((a, b) => a.at.getTime() - b.at.getTime());

	const lines: ReportLine[] = input.injects
		.filter((i) => isExpectedKind(i.expectedKind))
		.sort((a, b) => a.deliveredAt.getTime() - b.deliveredAt.getTime() || a.number - b.number)
		.map((inj) => {
			const kind = inj.expectedKind as ExpectedKind;
			const incidents = incidentsOf(inj.effects, input.reportIncident);
			const targets = new Set(incidents);
			for (const id of incidents) {
				const into = mergedInto.get(id);
				if (into) targets.add(into);
			}
			const hit = actions.find(
				(a) =>
					SATISFIES[kind].includes(a.kind) &&
					targets.has(a.incidentId) &&
					a.at.getTime() >= inj.deliveredAt.getTime() &&
					a.at.getTime() <= end.getTime()
			);
			const outcome: Outcome = hit ? 'done' : input.endedAt ? 'missed' : 'pending';
			return {
				number: inj.number,
				scenarioSec: inj.scenarioSec,
				message: inj.message,
				expectedAction: inj.expectedAction,
				expectedKind: kind,
				objective: inj.objective,
				deliveredAt: inj.deliveredAt,
				actedAt: hit?.at ?? null,
				actor: hit?.actor ?? null,
				responseMs: hit ? hit.at.getTime() - inj.deliveredAt.getTime() : null,
				outcome,
				incidents
			};
		});
	const times = lines.flatMap((l) => (l.responseMs === null ? [] : [l.responseMs]));
	return {
		exercise: input.exercise,
		end,
		ended: input.endedAt !== null,
		lines,
		summary: {
			expected: lines.length,
			done: lines.filter((l) => l.outcome === 'done').length,
			missed: lines.filter((l) => l.outcome === 'missed').length,
			pending: lines.filter((l) => l.outcome === 'pending').length,
			medianMs: median(times),
			maxMs: times.length ? Math.max(...times) : null
		}
	};
}
