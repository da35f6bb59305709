import type { RequestView, ResourceKindView, ResourceView, StockView } from '$lib/live/types';
import { iso } from '../../db/bulk';
import { col, defineView, ts, type ViewFields } from '../view';

/** What a screen sees of a resource, from a `resource` row. */
export const resourceView = defineView<ResourceView>('r', {
	id: col('id'),
	kindId: col('kind_id'),
	name: col('name'),
	plate: col('plate'),
	agency: col('agency'),
	homeBase: col('home_base'),
	capability: col('capability'),
	status: col('status'),
	statusTs: ts('status_ts'),
	lat: col('lat'),
	lon: col('lon'),
	positionTs: ts('position_ts'),
	fuelPct: col('fuel_pct'),
	quantity: col('quantity'),
	note: col('note'),
	teamId: col('team_id'),
	requestId: col('request_id'),
	incidentId: col('incident_id'),
	exercise: col('exercise'),
	demo: col('demo')
} satisfies ViewFields<ResourceView>);

export const resourceKindView = defineView<ResourceKindView>('k', {
	id: col('id'),
	names: col('names'),
	class: col('class'),
	unit: col('unit'),
	sort: col('sort')
} satisfies ViewFields<ResourceKindView>);

/** The id of a stock row in the change log and on screens: `{storeId}:{kindId}`. */
export const stockId = (storeId: string, kindId: string) => `${storeId}:${kindId}`;

export const stockView = defineView<StockView>('st', {
	id: (a) => `(${a}.store_id || ':' || ${a}.kind_id)`,
	storeId: col('store_id'),
	storeName: (a) =>
		`coalesce((select s.name from store s where s.id = ${a}.store_id), ${a}.store_id)`,
	kindId: col('kind_id'),
	quantity: col('quantity'),
	minimum: col('minimum'),
	lat: (a) => `(select s.lat from store s where s.id = ${a}.store_id)`,
	lon: (a) => `(select s.lon from store s where s.id = ${a}.store_id)`,
	updatedAt: ts('updated_at'),
	exercise: col('exercise')
} satisfies ViewFields<StockView>);

export const requestView = defineView<RequestView>('q', {
	id: col('id'),
	kindId: col('kind_id'),
	quantity: col('quantity'),
	incidentId: col('incident_id'),
	place: col('place'),
	lat: col('lat'),
	lon: col('lon'),
	priority: col('priority'),
	neededBy: ts('needed_by'),
	requesterKind: col('requester_kind'),
	requester: col('requester'),
	note: col('note'),
	status: col('status'),
	reason: col('reason'),
	requestedAt: ts('requested_at'),
	approvedAt: ts('approved_at'),
	assignedAt: ts('assigned_at'),
	enRouteAt: ts('en_route_at'),
	deliveredAt: ts('delivered_at'),
	closedAt: ts('closed_at'),
	assigned: (a) => `coalesce((select json_agg(json_build_object(
		'resourceId', x.resource_id, 'storeId', x.store_id, 'quantity', x.quantity,
		'at', ${iso('x.at')}, 'releasedAt', ${iso('x.released_at')}) order by x.id)
		from request_assignment x where x.request_id = ${a}.id), '[]'::json)`,
	exercise: col('exercise'),
	demo: col('demo')
} satisfies ViewFields<RequestView>);

/** The change log's reads: (entity_id, data) of the rows whose ids are $1 (a text[]). */
export const resourcesById = `select r.id as entity_id, ${resourceView.sql()} as data from resource r
	where r.id = any($1::text[])`;
export const resourceKindsById = `select k.id as entity_id, ${resourceKindView.sql()} as data
	from resource_kind k where k.id = any($1::text[])`;
export const stockById = `select (st.store_id || ':' || st.kind_id) as entity_id, ${stockView.sql()} as data
	from stock st where (st.store_id || ':' || st.kind_id) = any($1::text[])`;
export const requestsById = `select q.id as entity_id, ${requestView.sql()} as data
	from resource_request q where q.id = any($1::text[])`;
