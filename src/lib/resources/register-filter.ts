/**
 * The register list's filter (/console/resources): by kind, by status, and a search of the id,
 * name and plate. It lives in the query string (`?kind=&status=&q=`), so a filtered list is a
 * link and works without JavaScript.
 */
import { RESOURCE_STATUSES, type ResourceStatus } from '$lib/contracts/resources';
import type { ResourceView } from '$lib/live/types';

/** Rows the page lists at most; the count says how many match, the filter narrows them. */
export const SHOWN_AT_MOST = 500;

export interface RegisterFilter {
	kind: string;
	status: ResourceStatus | '';
	q: string;
}

export function registerFilter(params: URLSearchParams): RegisterFilter {
	const status = params.get('status') ?? '';
	return {
		kind: (params.get('kind') ?? '').slice(0, 64),
		status: (RESOURCE_STATUSES as readonly string[]).includes(status)
			? (status as ResourceStatus)
			: '',
		q: (params.get('q') ?? '').trim().slice(0, 100)
	};
}

/** Letters only, case and spacing aside: "KV 12-34" finds "kv1234". */
const fold = (s: string) => s.toLocaleLowerCase().replace(/[\s\-_.]+/g, '');

export function filterRegister<
	T extends Pick<ResourceView, 'id' | 'kindId' | 'name' | 'plate' | 'status'>
>(list: readonly T[], f: RegisterFilter): T[] {
	const q = fold(f.q);
	return list.filter(
		(r) =>
			(!f.kind || r.kindId === f.kind) &&
			(!f.status || r.status === f.status) &&
			(!q || [r.id, r.name, r.plate ?? ''].some((v) => fold(v).includes(q)))
	);
}
