/**
 * The resources part of the situation report (issue #15): per kind, what is committed and what is
 * available, and the resource requests still open, those overdue (past their needed-by time) and
 * the oldest. Pure: the picture's rows come in (the snapshot's reads), the summary comes out.
 */
import {
	REQUEST_OPEN,
	type RequestPriority,
	type RequestStatus,
	type ResourceStatus
} from '$lib/contracts/resources';
import type { RequestView, ResourceKindView, ResourceView, StockView } from '$lib/live/types';

/** Equipment committed to the response: tasked and not yet back. */
export const COMMITTED: readonly ResourceStatus[] = ['assigned', 'en_route', 'on_scene'];

/**
 * One kind. Equipment is counted in units by status; a supply in its unit: on hand in the
 * picture's stores (`available`) and assigned from them to requests not yet delivered
 * (`committed`); `other` (equipment returning or out of service) is 0 for a supply.
 */
export interface KindLine {
	kindId: string;
	/** Names by language ({} for a kind the EOC's list does not have: its id is shown). */
	names: Record<string, string>;
	class: 'equipment' | 'supply';
	unit: string;
	committed: number;
	available: number;
	other: number;
}

export interface RequestLine {
	id: string;
	kindId: string;
	quantity: number;
	requester: string;
	priority: RequestPriority;
	status: RequestStatus;
	requestedAt: string;
	neededBy: string | null;
}

export interface ResourceSummary {
	kinds: KindLine[];
	/** The names by language of every kind the summary mentions (lines and requests). */
	names: Record<string, Record<string, string>>;
	requests: {
		open: number;
		overdue: number;
		/** The open request asked longest ago (null: none open). */
		oldest: RequestLine | null;
		/** The overdue ones, the most overdue first. */
		overdueList: RequestLine[];
	};
}

const isOpen = (r: RequestView) => REQUEST_OPEN.includes(r.status);
/** Past its needed-by time and still open. */
export const isOverdue = (r: RequestView, now: number) =>
	isOpen(r) && r.neededBy !== null && Date.parse(r.neededBy) < now;

const lineOf = (r: RequestView): RequestLine => ({
	id: r.id,
	kindId: r.kindId,
	quantity: r.quantity,
	requester: r.requester,
	priority: r.priority,
	status: r.status,
	requestedAt: r.requestedAt,
	neededBy: r.neededBy
});

export function summarizeResources(input: {
	kinds: readonly ResourceKindView[];
	resources: readonly ResourceView[];
	stock: readonly StockView[];
	requests: readonly RequestView[];
	now: number;
}): ResourceSummary {
	const known = new Map(input.kinds.map((k) => [k.id, k]));
	const lines = new Map<string, KindLine>();
	const line = (kindId: string, cls: KindLine['class']) => {
		let l = lines.get(kindId);
		if (!l) {
			const k = known.get(kindId);
			l = {
				kindId,
				names: k?.names ?? {},
				class: k?.class ?? cls,
				unit: k?.unit ?? (cls === 'equipment' ? 'unit' : ''),
				committed: 0,
				available: 0,
				other: 0
			};
			lines.set(kindId, l);
		}
		return l;
	};
	for (const r of input.resources) {
		const l = line(r.kindId, 'equipment');
		if (COMMITTED.includes(r.status)) l.committed++;
		else if (r.status === 'available') l.available++;
		else l.other++;
	}
	for (const s of input.stock) line(s.kindId, 'supply').available += s.quantity;
	const open = input.requests.filter(isOpen);
	for (const r of open)
		for (const a of r.assigned)
			if (a.storeId !== null && a.releasedAt === null)
				line(r.kindId, 'supply').committed += a.quantity ?? 0;

	const sort = (k: string) => known.get(k)?.sort ?? Number.MAX_SAFE_INTEGER;
	const kinds = [...lines.values()].sort(
		(a, b) =>
			(a.class === b.class ? 0 : a.class === 'equipment' ? -1 : 1) ||
			sort(a.kindId) - sort(b.kindId) ||
			(a.kindId < b.kindId ? -1 : a.kindId > b.kindId ? 1 : 0)
	);
	const byAge = [...open].sort(
		(a, b) => Date.parse(a.requestedAt) - Date.parse(b.requestedAt) || (a.id < b.id ? -1 : 1)
	);
	const overdue = open
		.filter((r) => isOverdue(r, input.now))
		.sort((a, b) => Date.parse(a.neededBy ?? '') - Date.parse(b.neededBy ?? ''));
	const names: Record<string, Record<string, string>> = {};
	for (const id of [...lines.keys(), ...open.map((r) => r.kindId)])
		names[id] = known.get(id)?.names ?? {};
	return {
		kinds,
		names,
		requests: {
			open: open.length,
			overdue: overdue.length,
			oldest: byAge.length > 0 ? lineOf(byAge[0]) : null,
			overdueList: overdue.map(lineOf)
		}
	};
}
