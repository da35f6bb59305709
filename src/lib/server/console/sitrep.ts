import { z } from 'zod';
import type {
	IncidentView,
	LogEntryView,
	SettingsView,
	ShelterView,
	TeamView
} from '$lib/live/types';
import { totals, type Totals } from '$lib/live/totals';
import type { Database } from '../db/types';
import { REAL, type Scope } from '../exercises/scope';
import { readTeams } from '../entities/team/read';
import { readIncidents } from '../entities/incident/read';
import { reads } from '../live/snapshot';
import { readSettings } from '../settings/store';
import {
	readRequests,
	readResourceKinds,
	readResources,
	readStock
} from '../entities/resource/read';
import { summarizeResources, type ResourceSummary } from './sitrep-resources';
import type { IssuedReach } from '$lib/warnings/out';
import { placeIndex } from '../places/index';
import { issuedReach } from '../warnings/out/progress';

/**
 * A situation report for a period, with the content of an ICS-209 incident status summary:
 * incidents (open, or changed in the period), casualties and people affected, resources (teams
 * by status and tasking; equipment and supplies committed and available by kind; resource
 * requests open and overdue), shelters, verified significant events of the period, needs, and the
 * warnings issued in the period with their reach (contacts, messages per channel and status).
 */
export const periodSchema = z.object({
	hours: z.coerce
		.number({ message: 'sitrep_hours_invalid' })
		.int('sitrep_hours_invalid')
		.min(1, 'sitrep_hours_invalid')
		.max(24 * 30, 'sitrep_hours_invalid')
		.default(24)
});

export interface Sitrep {
	from: number;
	to: number;
	settings: SettingsView;
	incidents: IncidentView[];
	totals: Totals;
	teams: TeamView[];
	teamsByStatus: Record<string, number>;
	shelters: ShelterView[];
	events: LogEntryView[];
	needs: { need: string; incidents: number }[];
	resources: ResourceSummary;
	warnings: IssuedReach[];
	exercise: boolean;
}

/** The report of one picture: the real one unless a drill's is asked for (never the two mixed). */
export async function buildSitrep(
	db: Database,
	hours: number,
	now = Date.now(),
	scope: Scope = REAL
): Promise<Sitrep> {
	const from = now - hours * 3600_000;
	const all = await readIncidents(db, true, scope);
	// Open ones, and closed ones that changed within the period (closed during it).
	const incidents = all
		.filter((i) => i.status !== 'closed' || Date.parse(i.updatedAt) >= from)
		.filter((i) => i.status !== 'reported')
		.sort((a, b) => b.severity - a.severity || Date.parse(b.reportedAt) - Date.parse(a.reportedAt));
	const open = incidents.filter((i) => i.status !== 'closed');
	const shelters = await reads.shelters(db);
	const teams = await readTeams(db, scope);
	const teamsByStatus: Record<string, number> = {};
	for (const t of teams)
		teamsByStatus[t.status ?? 'none'] = (teamsByStatus[t.status ?? 'none'] ?? 0) + 1;
	const needCount = new Map<string, number>();
	for (const i of open)
		for (const n of new Set(i.needs)) needCount.set(n, (needCount.get(n) ?? 0) + 1);
	const events = (await reads.events(db, 500, scope)).filter((e) => {
		const t = Date.parse(e.ts);
		return t >= from && t <= now;
	});
	return {
		from,
		to: now,
		settings: await readSettings(db),
		incidents,
		// The wall's totals, by the same function (the open ones: open or contained).
		totals: totals(open, shelters),
		teams,
		teamsByStatus,
		shelters,
		events,
		needs: [...needCount]
			.map(([need, n]) => ({ need, incidents: n }))
			.sort((a, b) => b.incidents - a.incidents),
		resources: summarizeResources({
			kinds: await readResourceKinds(db),
			resources: await readResources(db, scope),
			stock: await readStock(db, scope),
			// Open requests only count; any that closed long ago are not open.
			requests: await readRequests(db, scope, 0),
			now
		}),
		warnings: await issuedReach(db, scope, from, now, await placeIndex(db)),
		exercise: scope !== REAL
	};
}
