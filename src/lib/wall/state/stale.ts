/**
 * The stale rule for teams, for the roster, its counts and the map alike: a team silent for
 * longer than the EOC's limit (settings.staleAfterMin), or never heard from, is stale.
 */
import { parseTs } from '$lib/format';
import { DEFAULT_SETTINGS } from '$lib/live/settings';
import type { TeamView } from '$lib/live/types';
import { objectSlot } from './per-chunk';

/** The limit until the settings say otherwise: the default of settings.staleAfterMin. */
export const DEFAULT_STALE_AFTER_MS = DEFAULT_SETTINGS.staleAfterMin * 60_000;

const reportMs = objectSlot<number | null>();

/**
 * The newest of its position and status times, or null when it never reported. Remembered on the
 * team object (a change is a new object; the slot is not copied by a spread): the roster, the
 * counts and the map ask it of every team whenever the clock moves, and parsing two timestamps
 * each time was most of their cost.
 */
export function lastReportMs(team: TeamView): number | null {
	let last = reportMs.get(team);
	if (last === undefined) {
		const times = [parseTs(team.positionTs), parseTs(team.statusTs)].filter(
			(t): t is number => t !== null
		);
		last = times.length ? Math.max(...times) : null;
		reportMs.set(team, last);
	}
	return last;
}

/** Silent for longer than `staleAfterMs` (settings.staleAfterMin in ms), or never heard from. */
export function isTeamStale(
	team: TeamView,
	now: number,
	staleAfterMs = DEFAULT_STALE_AFTER_MS
): boolean {
	const last = lastReportMs(team);
	return last === null || now - last > staleAfterMs;
}
