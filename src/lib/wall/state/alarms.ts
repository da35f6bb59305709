/**
 * What the wall and the console show of alarms (fired rules), derived from the live state. Pure,
 * so it is unit-tested; the strip, the console's lists and the map layer all use these rules.
 */
import { parseTs } from '$lib/format';
import type { AlarmView } from '$lib/live/types';

/** Newest first (by first seen), then by id so the order never flickers. */
export function compareAlarms(a: AlarmView, b: AlarmView): number {
	const d = (parseTs(b.firstSeen) ?? 0) - (parseTs(a.firstSeen) ?? 0);
	return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Alarms not cleared, newest first. */
export function activeAlarms(alarms: Iterable<AlarmView>): AlarmView[] {
	const out: AlarmView[] = [];
	for (const a of alarms) if (a.clearedAt === null) out.push(a);
	return out.sort(compareAlarms);
}

/** Cleared alarms, the most recently cleared first. */
export function clearedAlarms(alarms: Iterable<AlarmView>): AlarmView[] {
	const out: AlarmView[] = [];
	for (const a of alarms) if (a.clearedAt !== null) out.push(a);
	return out.sort((a, b) => (parseTs(b.clearedAt) ?? 0) - (parseTs(a.clearedAt) ?? 0));
}

/** Nobody acknowledged it and its rule's limit has passed at `now` (a cleared one never is). */
export function isEscalated(alarm: AlarmView, now: number): boolean {
	if (alarm.acknowledgedAt !== null || alarm.clearedAt !== null) return false;
	const at = parseTs(alarm.escalateAt);
	return at !== null && now >= at;
}

/**
 * The name an alarm is known by: its subject's (in the screen's language when it has one per
 * language: a stock's supply), else the subject's id.
 */
export function subjectOf(alarm: AlarmView, locale?: string): string {
	const own = locale ? alarm.subjectNames?.[locale]?.trim() : undefined;
	return own || alarm.subjectName?.trim() || alarm.subjectId;
}
