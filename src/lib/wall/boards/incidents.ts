/** The incidents board: which incidents the wall shows, and in which order. */
import { byId } from '$lib/format';
import type { IncidentView } from '$lib/live/types';
import { isVerified } from '$lib/live/totals';

const reportedMs = new WeakMap<IncidentView, number>();
function reportedAt(i: IncidentView): number {
	let at = reportedMs.get(i);
	if (at === undefined) reportedMs.set(i, (at = Date.parse(i.reportedAt)));
	return at;
}

/** The incidents board's order: most severe first, then the newest, then by id. */
export function compareIncidents(a: IncidentView, b: IncidentView): number {
	return b.severity - a.severity || reportedAt(b) - reportedAt(a) || byId(a, b);
}

/**
 * Verified incidents, most severe first. The wall keeps this order per update (sorted.ts); this
 * sorts from scratch.
 */
export function verifiedIncidents(incidents: Iterable<IncidentView>): IncidentView[] {
	return Array.from(incidents).filter(isVerified).sort(compareIncidents);
}

export function awaitingVerification(incidents: Iterable<IncidentView>): number {
	let n = 0;
	for (const i of incidents) if (i.status === 'reported') n++;
	return n;
}
