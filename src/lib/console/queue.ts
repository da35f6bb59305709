/**
 * The console's incidents page in one order, on the server (its first render) and in the browser
 * (as the live stream changes it): field reports awaiting an operator first, then the most severe,
 * then the newest. And which reports are new since the operator last looked.
 */
import type { IncidentView } from '$lib/live/types';

const rank = (i: IncidentView) => (i.status === 'reported' ? 0 : 1);

/** A new sorted array; the input is not changed. Ties fall to the id, so the order is stable. */
export function consoleOrder(incidents: Iterable<IncidentView>): IncidentView[] {
	return [...incidents].sort(
		(a, b) =>
			rank(a) - rank(b) ||
			b.severity - a.severity ||
			Date.parse(b.reportedAt) - Date.parse(a.reportedAt) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/**
 * Which reports are new: the page starts it with the reports it was rendered with, so only what
 * arrives later is cued.
 */
export class Arrivals {
	readonly #seen: Set<string>;

	constructor(known: Iterable<{ id: string }>) {
		this.#seen = new Set([...known].map((r) => r.id));
	}

	/** The ids among `reports` not seen before, in their order; from now on they are seen. */
	take(reports: readonly { id: string }[]): string[] {
		const added = reports.filter((r) => !this.#seen.has(r.id)).map((r) => r.id);
		for (const id of added) this.#seen.add(id);
		return added;
	}
}
