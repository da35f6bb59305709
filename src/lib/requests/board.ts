/**
 * The console's request board, pure: which column each request stands in, in what order, and
 * whether it is overdue. The open columns are the lifecycle's open steps; the ended ones
 * (delivered, refused, cancelled) are kept for a day, as the snapshot keeps them.
 */
import { REQUEST_OPEN, REQUEST_PRIORITIES, type RequestStatus } from '$lib/contracts/resources';
import { parseTs } from '$lib/format';
import type { RequestView } from '$lib/live/types';

export const ENDED: readonly RequestStatus[] = ['delivered', 'refused', 'cancelled'];
/** How long an ended request stays on the board. */
export const ENDED_SHOWN_MS = 24 * 3600_000;

/** Open and past its needed-by time (delivered, refused or cancelled is never overdue). */
export function isOverdue(r: RequestView, now: number): boolean {
	const by = parseTs(r.neededBy);
	return by !== null && by < now && REQUEST_OPEN.includes(r.status);
}

const rank = (r: RequestView) => REQUEST_PRIORITIES.indexOf(r.priority);

/** Urgent first; then overdue; then the oldest. Ties by id, so the order never flickers. */
function openOrder(now: number) {
	return (a: RequestView, b: RequestView) =>
		rank(a) - rank(b) ||
		Number(isOverdue(b, now)) - Number(isOverdue(a, now)) ||
		(parseTs(a.requestedAt) ?? 0) - (parseTs(b.requestedAt) ?? 0) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export type Board = Record<RequestStatus, RequestView[]>;

/** The board's columns: every open request, and those that ended within the last day (newest first). */
export function boardColumns(requests: Iterable<RequestView>, now: number): Board {
	const board = Object.fromEntries(
		[...REQUEST_OPEN, ...ENDED].map((s) => [s, [] as RequestView[]])
	) as Board;
	for (const r of requests) {
		if (ENDED.includes(r.status)) {
			const ended = parseTs(r.closedAt ?? r.deliveredAt);
			if (ended === null || now - ended > ENDED_SHOWN_MS) continue;
		}
		board[r.status].push(r);
	}
	for (const s of REQUEST_OPEN) board[s].sort(openOrder(now));
	for (const s of ENDED)
		board[s].sort(
			(a, b) =>
				(parseTs(b.closedAt ?? b.deliveredAt) ?? 0) - (parseTs(a.closedAt ?? a.deliveredAt) ?? 0)
		);
	return board;
}
