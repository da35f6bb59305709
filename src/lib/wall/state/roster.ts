/**
 * The roster (teams in board order) and its counts, kept up to date per live update instead of
 * sorted and counted again from every team: at 10,000 teams that was most of an update's time.
 * The order and the counts also move with the clock (a silent team turns stale), so the roster
 * knows the earliest time a team it holds turns stale by the clock alone, and only from then on
 * sorts and counts everything again.
 */
import type { TeamView } from '$lib/live/types';
import { compareTeams, teamCounts, type TeamCounts } from '../boards/teams';
import type { ChunkedMap } from '$lib/live/chunked-map';
import { isTeamStale, lastReportMs } from './stale';
import { SortedView } from './sorted';

export interface RosterView {
	/** Working teams first, stale ones last, then by callsign (boards.ts sortTeams). */
	teams: readonly TeamView[];
	counts: TeamCounts;
}

export class Roster {
	#teams: ChunkedMap<TeamView> | null = null;
	#now = NaN;
	#staleAfterMin = NaN;
	/** No team held turns stale by the clock before this time (ms); may be early, never late. */
	#nextStale = -Infinity;
	#counts: TeamCounts = teamCounts([], 0, 0);
	readonly #sorted = new SortedView<TeamView>((a, b) =>
		compareTeams(a, b, this.#now, this.#staleAfterMin)
	);

	update(teams: ChunkedMap<TeamView>, now: number, staleAfterMin: number): RosterView {
		const before = this.#teams;
		const reorder =
			before === null ||
			staleAfterMin !== this.#staleAfterMin ||
			now < this.#now || // the clock went back: a stale team may be fresh again
			now > this.#nextStale;
		this.#now = now;
		this.#staleAfterMin = staleAfterMin;
		this.#teams = teams;
		const changes = reorder || !before ? null : teams.changesSince(before);
		const rows = this.#sorted.update(teams, changes === null);
		if (changes === null) {
			this.#counts = teamCounts(teams.values(), now, staleAfterMin);
			this.#nextStale = Infinity;
			for (const t of teams.values()) this.#noteStale(t);
		} else {
			// A new counts object only when a count changed: most updates only move a team.
			let counts = this.#counts;
			for (const key of changes) {
				const old = (before as ChunkedMap<TeamView>).get(key);
				const team = teams.get(key);
				const was = old ? this.#category(old) : null;
				const is = team ? this.#category(team) : null;
				if (team) this.#noteStale(team);
				if (was === is) continue;
				if (counts === this.#counts) counts = { ...counts };
				if (was) counts[was]--;
				if (is) counts[is]++;
			}
			this.#counts = counts;
		}
		return { teams: rows, counts: this.#counts };
	}

	#category(t: TeamView): keyof TeamCounts | null {
		return isTeamStale(t, this.#now, this.#staleAfterMin * 60_000) ? 'stale' : t.status;
	}

	/** A fresh team turns stale once the clock passes its last report plus the limit. */
	#noteStale(t: TeamView) {
		const last = lastReportMs(t);
		if (last === null || isTeamStale(t, this.#now, this.#staleAfterMin * 60_000)) return;
		this.#nextStale = Math.min(this.#nextStale, last + this.#staleAfterMin * 60_000);
	}
}
