import type { RequestView, ResourceKindView, ResourceView, StockView } from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { jsonList } from '../json';
import { requestView, resourceKindView, resourceView, stockView } from './view';

/** The picture's equipment, by kind and name. */
export const readResources = (q: Queryable, scope: Scope = REAL) =>
	jsonList<ResourceView>(
		q,
		`select ${resourceView.sql()} as v from resource r where ${inScope('r.exercise', 1)}
		order by r.kind_id, r.name, r.id`,
		[scope]
	);

/** The kinds of resource, in the EOC's order (every picture shares them). */
export const readResourceKinds = (q: Queryable) =>
	jsonList<ResourceKindView>(
		q,
		`select ${resourceKindView.sql()} as v from resource_kind k order by k.sort, k.id`,
		[]
	);

/** The picture's supplies on hand, per store and kind. */
export const readStock = (q: Queryable, scope: Scope = REAL) =>
	jsonList<StockView>(
		q,
		`select ${stockView.sql()} as v from stock st where ${inScope('st.exercise', 1)}
		order by st.store_id, st.kind_id`,
		[scope]
	);

/** The picture's open requests and those closed within `hours`, oldest first. */
export const readRequests = (q: Queryable, scope: Scope = REAL, hours = 24) =>
	jsonList<RequestView>(
		q,
		`select ${requestView.sql()} as v from resource_request q where ${inScope('q.exercise', 1)}
		and (q.closed_at is null or q.closed_at > now() - make_interval(hours => $2::int))
		order by q.requested_at, q.id`,
		[scope, hours]
	);
