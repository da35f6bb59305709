/**
 * The headline numbers, for the wall's totals board and the printed situation report alike, so
 * the two cannot disagree: casualties and people affected over the verified incidents that are
 * not closed (open or contained), and the displaced people in shelters.
 */
import type { IncidentView, ShelterView } from './types';

/** Verified and not closed (open or contained); never an unverified field report. */
export function isVerified(i: IncidentView): boolean {
	return i.status === 'open' || i.status === 'contained';
}

export interface Totals {
	dead: number;
	injured: number;
	missing: number;
	trapped: number;
	people: number;
	households: number;
	/** Displaced people in shelters: the sum of shelter occupancy. */
	sheltered: number;
}

export function totals(incidents: Iterable<IncidentView>, shelters: Iterable<ShelterView>): Totals {
	const t: Totals = {
		dead: 0,
		injured: 0,
		missing: 0,
		trapped: 0,
		people: 0,
		households: 0,
		sheltered: 0
	};
	for (const i of incidents) {
		if (!isVerified(i)) continue;
		t.dead += i.casualties.dead;
		t.injured += i.casualties.injured;
		t.missing += i.casualties.missing;
		t.trapped += i.casualties.trapped;
		t.people += i.affected.people;
		t.households += i.affected.households;
	}
	for (const s of shelters) t.sheltered += s.occupancy;
	return t;
}
