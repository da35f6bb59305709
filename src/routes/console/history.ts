import type { IncidentStatus, IncidentType } from '$lib/live/types';
import { TYPE_WORD } from '$lib/i18n/words';
import { m } from '$lib/paraglide/messages';
import { INCIDENT_STATUS_WORD } from './status';

/** One fact of an incident event, in the screen's language: "Severity: 3 → 4". */
export interface HistoryPart {
	label: string;
	value: string;
}

type Word = () => string;

const LABEL: Record<string, Word> = {
	title: m.console_field_title,
	description: m.console_field_description,
	severity: m.console_col_severity,
	status: m.console_col_status,
	type: m.console_col_type,
	dead: m.console_field_dead,
	injured: m.console_field_injured,
	missing: m.console_field_missing,
	trapped: m.console_field_trapped,
	people: m.console_field_people,
	households: m.console_field_households,
	note: m.history_note,
	teamId: m.history_team,
	from: m.history_from,
	into: m.history_into,
	report: m.history_report,
	reporter: m.history_reporter,
	msgId: m.history_msg_id,
	message: m.history_message,
	reason: m.history_reason,
	photos: m.photo_history_moved,
	photosKept: m.photo_history_kept
};

/** Objects whose fields stand as facts of their own (casualties: dead, injured, ...). */
const FLATTEN = new Set(['casualties', 'affected']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function valueText(key: string, v: unknown): string {
	if (key === 'status' && typeof v === 'string' && Object.hasOwn(INCIDENT_STATUS_WORD, v)) {
		return INCIDENT_STATUS_WORD[v as IncidentStatus]();
	}
	if (key === 'type' && typeof v === 'string' && Object.hasOwn(TYPE_WORD, v)) {
		return TYPE_WORD[v as IncidentType]();
	}
	return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
		? String(v)
		: JSON.stringify(v);
}

/** The order facts are read in: that of LABEL (the database returns JSON keys in its own). */
const ORDER = new Map(Object.keys(LABEL).map((k, i) => [k, i]));
const rank = (key: string) => ORDER.get(key) ?? ORDER.size;

type Keyed = HistoryPart & { key: string };
// hasOwn: a recorded key may be "constructor" or "toString" (field data).
const part = (key: string, value: string): Keyed => ({
	key,
	label: Object.hasOwn(LABEL, key) ? LABEL[key]() : key,
	value
});

const empty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * An incident event's data as facts a person reads: what an edit changed (before → after),
 * counts by name, the team and its message. Keys it does not know keep their own name, so
 * nothing recorded is hidden. Values are returned as text, for the page to render as text.
 */
export function historyParts(data: unknown): HistoryPart[] {
	if (!isRecord(data)) return empty(data) ? [] : [part('', valueText('', data))];
	const out: Keyed[] = [];
	const { before, after, ...rest } = data;
	if (isRecord(before) && isRecord(after)) {
		for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
			if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
			out.push(part(key, `${valueText(key, before[key])} → ${valueText(key, after[key])}`));
		}
	} else {
		if (!empty(before)) out.push(part('before', valueText('before', before)));
		if (!empty(after)) out.push(part('after', valueText('after', after)));
	}
	for (const [key, v] of Object.entries(rest)) {
		if (FLATTEN.has(key) && isRecord(v)) {
			for (const [k, n] of Object.entries(v)) if (!empty(n)) out.push(part(k, valueText(k, n)));
		} else if (!empty(v)) out.push(part(key, valueText(key, v)));
	}
	// Stable: keys it does not know keep their recorded order, after the known ones.
	return out
		.sort((a, b) => rank(a.key) - rank(b.key))
		.map(({ label, value }) => ({ label, value }));
}
