/**
 * The request screens' words: statuses, priorities, who asked, kinds, and problems with their
 * values (from → to, how many), each in the screen's language.
 */
import type {
	RequestPriority,
	RequestStatus,
	RequesterKind,
	ResourceStatus
} from '$lib/contracts/resources';
import { formatNumber, getLocale } from '$lib/i18n';
import { problemText } from '$lib/i18n/problem';
import { ageWord } from '$lib/i18n/words';
import type { ResourceKindView } from '$lib/live/types';
import { m } from '$lib/paraglide/messages';
import { districtName } from './districts';

type Word = () => string;

export const REQUEST_STATUS_WORD: Record<RequestStatus, Word> = {
	requested: m.req_status_requested,
	approved: m.req_status_approved,
	assigned: m.req_status_assigned,
	en_route: m.req_status_en_route,
	delivered: m.req_status_delivered,
	refused: m.req_status_refused,
	cancelled: m.req_status_cancelled
};

export const PRIORITY_WORD: Record<RequestPriority, Word> = {
	urgent: m.req_priority_urgent,
	high: m.req_priority_high,
	normal: m.req_priority_normal,
	low: m.req_priority_low
};

export const REQUESTER_WORD: Record<RequesterKind, Word> = {
	district: m.req_requester_district,
	team: m.req_requester_team,
	operator: m.req_requester_operator
};

export const RESOURCE_STATUS_WORD: Record<ResourceStatus, Word> = {
	available: m.req_res_available,
	assigned: m.req_res_assigned,
	en_route: m.req_res_en_route,
	on_scene: m.req_res_on_scene,
	returning: m.req_res_returning,
	out_of_service: m.req_res_out_of_service
};

const statusWord = (s: string) => REQUEST_STATUS_WORD[s as RequestStatus]?.() ?? s;

/** A kind's name in the screen's language (English, then its id, when there is none). */
export function kindName(kind: Pick<ResourceKindView, 'id' | 'names'> | null | undefined, id = '') {
	if (!kind) return id;
	return kind.names[getLocale()] || kind.names.en || kind.id;
}

/** 2 → "2", 2.5 → "2.5", 1/3 → "0.33": as many decimals as the quantity has, at most two. */
export function quantityNumber(n: number): string {
	const digits = Number.isInteger(n) ? 0 : Number.isInteger(n * 10) ? 1 : 2;
	return formatNumber(n, getLocale(), digits);
}

/** "2 units", "500 l": a quantity with the kind's unit. */
export function quantityWord(n: number, kind: Pick<ResourceKindView, 'unit'> | null | undefined) {
	return `${quantityNumber(n)} ${kind?.unit === 'unit' || !kind ? m.req_units() : kind.unit}`;
}

/** Who asked, as the screen says it: a district in its language, a team or a person as named. */
export function requesterWord(kind: RequesterKind, name: string): string {
	return kind === 'district' ? districtName(name, getLocale()) : name;
}

/** "asked 5 min ago"; "asked just now" under ten seconds. */
export function askedAgo(ms: number | null): string {
	return ms !== null && ms < 10_000 ? m.req_age_now() : m.req_age({ age: ageWord(ms) });
}

/** A problem of a request's form or step, with the values it names. */
export function requestProblem(
	problem: string | undefined | null,
	params: Record<string, string | number> = {}
): string {
	const n = (k: string) => quantityNumber(Number(params[k] ?? 0));
	switch (problem) {
		case 'req_step_not_allowed':
			return m.req_step_not_allowed({
				from: statusWord(String(params.from)),
				to: statusWord(String(params.to))
			});
		case 'req_assign_too_many':
			return m.req_assign_too_many({ need: n('need') });
		case 'req_stock_short':
			return m.req_stock_short({ have: n('have'), need: n('need') });
		case 'req_resource_not_available':
			return m.req_resource_not_available({ resource: String(params.resource ?? '') });
		default:
			return problemText(problem);
	}
}
