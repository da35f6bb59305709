/**
 * The resource requests part of the after-action report (issue #15): every request of the drill
 * (scripted by an inject or made by the players), how long it took from the request to its
 * assignment and to its delivery, whether it came later than it was needed, and the medians.
 * Pure: the requests come in as the stream shows them (RequestView), the section comes out.
 */
import type { RequestView } from '$lib/live/types';
import type { InjectEffectRef } from '../db/schema/exercises';
import { median } from './report';

/** The effect family of a request an inject made (its ref's `id` is the request's id). */
export const REQUEST_FAMILY = 'resource_request';

export interface RequestLine {
	id: string;
	kindId: string;
	quantity: number;
	requester: string;
	priority: string;
	status: string;
	/** The inject that made it, when it was scripted (null: the players made it). */
	inject: number | null;
	requestedAt: Date;
	neededBy: Date | null;
	assignedAt: Date | null;
	deliveredAt: Date | null;
	/** assignedAt − requestedAt and deliveredAt − requestedAt, ms; null when not (yet) done. */
	toAssignMs: number | null;
	toDeliverMs: number | null;
	/** Delivered after its needed-by time, or not delivered by then (measured to the end). */
	late: boolean;
}

export interface RequestSection {
	lines: RequestLine[];
	assigned: number;
	delivered: number;
	late: number;
	medianAssignMs: number | null;
	medianDeliverMs: number | null;
	maxAssignMs: number | null;
	maxDeliverMs: number | null;
	/**
	 * Requests an inject asked for that the EOC did not make (a kind not on its list, an incident
	 * of another picture): what a trainer fixes in the scenario or the register.
	 */
	notMade: { id: string; inject: number; problem: string | null }[];
	/**
	 * Kinds the drill named that the EOC's list lacks (its equipment and stock are shown under the
	 * kind's id; its requests of them are not made): filled by report-data (drills/not-made.ts).
	 */
	unknownKinds: string[];
}

/** What the section needs of a request. */
export type ReportRequest = Pick<
	RequestView,
	| 'id'
	| 'kindId'
	| 'quantity'
	| 'requester'
	| 'priority'
	| 'status'
	| 'requestedAt'
	| 'neededBy'
	| 'assignedAt'
	| 'deliveredAt'
>;

const date = (ts: string | null) => (ts ? new Date(ts) : null);
const since = (from: Date, to: Date | null) =>
	to ? Math.max(0, to.getTime() - from.getTime()) : null;

/** The inject of each scripted request, from the injects' effect references. */
export function injectOfRequests(
	injects: readonly { number: number; effects: readonly InjectEffectRef[] }[]
): Map<string, number> {
	const out = new Map<string, number>();
	for (const i of injects)
		for (const e of i.effects) if (e.family === REQUEST_FAMILY && e.id) out.set(e.id, i.number);
	return out;
}

/** Oldest request first, as the drill ran; `end` is what a request not delivered is late by. */
export function requestSection(
	requests: readonly ReportRequest[],
	injectOf: ReadonlyMap<string, number>,
	end: Date,
	/** Why a scripted request was not made, and the kinds the EOC lacks (drills/not-made.ts). */
	{ problems, unknownKinds }: { problems: ReadonlyMap<string, string>; unknownKinds: string[] } = {
		problems: new Map(),
		unknownKinds: []
	}
): RequestSection {
	const lines = requests
		.map((r): RequestLine => {
			const requestedAt = new Date(r.requestedAt);
			const neededBy = date(r.neededBy);
			const assignedAt = date(r.assignedAt);
			const deliveredAt = date(r.deliveredAt);
			const closedUndelivered = r.status === 'refused' || r.status === 'cancelled';
			return {
				id: r.id,
				kindId: r.kindId,
				quantity: r.quantity,
				requester: r.requester,
				priority: r.priority,
				status: r.status,
				inject: injectOf.get(r.id) ?? null,
				requestedAt,
				neededBy,
				assignedAt,
				deliveredAt,
				toAssignMs: since(requestedAt, assignedAt),
				toDeliverMs: since(requestedAt, deliveredAt),
				late:
					neededBy !== null &&
					!closedUndelivered &&
					(deliveredAt ?? end).getTime() > neededBy.getTime()
			};
		})
		.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : 1));
	const assign = lines.flatMap((l) => (l.toAssignMs === null ? [] : [l.toAssignMs]));
	const deliver = lines.flatMap((l) => (l.toDeliverMs === null ? [] : [l.toDeliverMs]));
	return {
		lines,
		assigned: assign.length,
		delivered: deliver.length,
		late: lines.filter((l) => l.late).length,
		medianAssignMs: median(assign),
		medianDeliverMs: median(deliver),
		maxAssignMs: assign.length ? Math.max(...assign) : null,
		maxDeliverMs: deliver.length ? Math.max(...deliver) : null,
		notMade: [...injectOf]
			.filter(([id]) => !lines.some((l) => l.id === id))
			.map(([id, inject]) => ({ id, inject, problem: problems.get(id) ?? null }))
			.sort((a, b) => a.inject - b.inject || (a.id < b.id ? -1 : 1)),
		unknownKinds
	};
}
