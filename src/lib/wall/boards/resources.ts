/**
 * The resources board (docs/resources.md): equipment counted by kind and status, supplies on
 * hand per kind summed over the stores (marking those below a store's minimum), and the requests
 * waiting and overdue. Pure, so it is unit-tested. Each count is kept per chunk of the live
 * collection (state/per-chunk.ts): a live update recounts one chunk of 128 rows and adds up the
 * chunks' few numbers, instead of counting 2,000 resources again.
 */
import {
	REQUEST_OPEN,
	RESOURCE_STATUSES,
	type RequestStatus,
	type ResourceStatus
} from '$lib/contracts/resources';
import { compareText, parseTs } from '$lib/format';
import type { RequestView, ResourceKindView, ResourceView, StockView } from '$lib/live/types';
import { objectSlot, perChunk, type Source } from '../state/per-chunk';
import { kindName } from '../state/kinds';

export type StatusCounts = Record<ResourceStatus, number>;

export function noCounts(): StatusCounts {
	return Object.fromEntries(RESOURCE_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function addCounts(into: StatusCounts, from: StatusCounts): void {
	for (const s of RESOURCE_STATUSES) into[s] += from[s];
}

const KNOWN = new Set<string>(RESOURCE_STATUSES);

/** Equipment per kind and status in some rows (a status outside the contract is not counted). */
export function countByKind(rows: readonly ResourceView[]): Map<string, StatusCounts> {
	const out = new Map<string, StatusCounts>();
	for (const r of rows) {
		if (!KNOWN.has(r.status)) continue;
		let c = out.get(r.kindId);
		if (!c) out.set(r.kindId, (c = noCounts()));
		c[r.status]++;
	}
	return out;
}

/** A supply kind over the stores: what is on hand, in how many stores, how many below minimum. */
export interface SupplyTotal {
	quantity: number;
	stores: number;
	low: number;
}

/** Below the minimum the EOC keeps in that store (the stock alarm's rule: strictly below). */
export function isLow(s: Pick<StockView, 'quantity' | 'minimum'>): boolean {
	return s.minimum !== null && s.quantity < s.minimum;
}

export function supplyByKind(rows: readonly StockView[]): Map<string, SupplyTotal> {
	const out = new Map<string, SupplyTotal>();
	for (const s of rows) {
		let t = out.get(s.kindId);
		if (!t) out.set(s.kindId, (t = { quantity: 0, stores: 0, low: 0 }));
		t.quantity += Number.isFinite(s.quantity) ? s.quantity : 0;
		t.stores++;
		if (isLow(s)) t.low++;
	}
	return out;
}

/**
 * Per-chunk results summed into one map per version of a collection: only the chunks a live
 * update replaced are worked out again (perChunk), and the sum is kept on the collection itself.
 */
function summed<V, T>(
	fn: (rows: readonly V[]) => Map<string, T>,
	empty: () => T,
	add: (into: T, from: T) => void
) {
	const parts = perChunk(fn);
	const slot = objectSlot<Map<string, T>>();
	return (source: Source<V>): ReadonlyMap<string, T> => {
		let sum = slot.get(source);
		if (sum) return sum;
		sum = new Map<string, T>();
		for (const part of parts(source)) {
			for (const [key, value] of part) {
				let into = sum.get(key);
				if (!into) sum.set(key, (into = empty()));
				add(into, value);
			}
		}
		slot.set(source, sum);
		return sum;
	};
}

/** Equipment per kind and status over a whole collection. */
export const equipmentCounts = summed(countByKind, noCounts, addCounts);

/** Supplies per kind over every store. */
export const supplyTotals = summed(
	supplyByKind,
	(): SupplyTotal => ({ quantity: 0, stores: 0, low: 0 }),
	(into, from) => {
		into.quantity += from.quantity;
		into.stores += from.stores;
		into.low += from.low;
	}
);

export interface EquipmentRow {
	type: 'equipment';
	kindId: string;
	name: string;
	counts: StatusCounts;
	total: number;
}
export interface SupplyRow extends SupplyTotal {
	type: 'supply';
	kindId: string;
	name: string;
	unit: string;
}

export interface ResourceBoard {
	/** Kinds with equipment, in the register's order (kind sort, then id). */
	equipment: EquipmentRow[];
	/** Kinds held in some store, in the same order. */
	supplies: SupplyRow[];
	/** Every unit of equipment by status. */
	counts: StatusCounts;
	total: number;
}

/** The board's rows: the kinds in the register's order; a kind the register lacks goes last. */
export function resourceBoard(
	resources: Source<ResourceView>,
	kinds: ReadonlyMap<string, ResourceKindView>,
	stock: Source<StockView>,
	locale: string
): ResourceBoard {
	const byKind = equipmentCounts(resources);
	const held = supplyTotals(stock);
	const order = (a: string, b: string) => {
		const ka = kinds.get(a);
		const kb = kinds.get(b);
		if (ka && kb) return ka.sort - kb.sort || compareText(a, b);
		return ka ? -1 : kb ? 1 : compareText(a, b);
	};
	const counts = noCounts();
	let total = 0;
	const equipment = [...byKind.keys()].sort(order).map((kindId): EquipmentRow => {
		const c = byKind.get(kindId) as StatusCounts;
		addCounts(counts, c);
		const n = RESOURCE_STATUSES.reduce((sum, s) => sum + c[s], 0);
		total += n;
		const name = kindName(kinds.get(kindId), kindId, locale);
		return { type: 'equipment', kindId, name, counts: c, total: n };
	});
	const supplies = [...held.keys()].sort(order).map((kindId): SupplyRow => ({
		type: 'supply',
		kindId,
		name: kindName(kinds.get(kindId), kindId, locale),
		unit: kinds.get(kindId)?.unit ?? '',
		...(held.get(kindId) as SupplyTotal)
	}));
	return { equipment, supplies, counts, total };
}

/** Waiting for the EOC: asked for and not yet assigned. */
export const WAITING: readonly RequestStatus[] = ['requested', 'approved'];
const OPEN = new Set<RequestStatus>(REQUEST_OPEN);

interface RequestPart {
	waiting: number;
	oldest: RequestView | null;
	oldestAt: number;
	/** Each open request's needed-by time, ascending: how many are past it is a binary search. */
	deadlines: number[];
}

function requestPart(rows: readonly RequestView[]): RequestPart {
	const part: RequestPart = { waiting: 0, oldest: null, oldestAt: Infinity, deadlines: [] };
	for (const q of rows) {
		if (WAITING.includes(q.status)) {
			part.waiting++;
			const at = parseTs(q.requestedAt) ?? Infinity;
			if (at < part.oldestAt || (at === part.oldestAt && part.oldest && q.id < part.oldest.id)) {
				part.oldest = q;
				part.oldestAt = at;
			}
		}
		const due = OPEN.has(q.status) ? parseTs(q.neededBy) : null;
		if (due !== null) part.deadlines.push(due);
	}
	part.deadlines.sort((a, b) => a - b);
	return part;
}
const requestParts = perChunk(requestPart);

/** How many of the ascending times are before `now`. */
function countBefore(times: readonly number[], now: number): number {
	let lo = 0;
	let hi = times.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (times[mid] < now) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export interface RequestSummary {
	/** Requested or approved, nothing assigned yet. */
	waiting: number;
	/** Open (not delivered, refused or cancelled) and past the time it was needed by. */
	overdue: number;
	/** The waiting request asked for longest ago, and when (ms). */
	oldest: RequestView | null;
	oldestAt: number | null;
}

export function requestSummary(requests: Source<RequestView>, now: number): RequestSummary {
	let waiting = 0;
	let overdue = 0;
	let oldest: RequestView | null = null;
	let oldestAt = Infinity;
	for (const p of requestParts(requests)) {
		waiting += p.waiting;
		overdue += countBefore(p.deadlines, now);
		if (p.oldest && p.oldestAt < oldestAt) {
			oldest = p.oldest;
			oldestAt = p.oldestAt;
		}
	}
	return {
		waiting,
		overdue,
		oldest,
		oldestAt: oldest && Number.isFinite(oldestAt) ? oldestAt : null
	};
}
