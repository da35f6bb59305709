import type {
	IncidentView,
	RequestView,
	ResourceKindView,
	ResourceView,
	StockView
} from '$lib/live/types';
import { RESOURCE_FIELDS } from '../resources/register-fields';

/**
 * The columns of the resource exports (issue #15), rendered by files.ts like the others.
 *
 * `resources.csv` starts with the register import's columns, in its order (id, kind, name, plate,
 * agency, home_base, capability, status, lat, lon, team), so an export can be imported again;
 * the columns after them are read-only (what the field reported, the request, the picture).
 * `requests.geojson` places a request at its own point, or else at its incident's; `stock.csv`
 * is one row per store and supply kind, with the kind's unit and whether it is below its minimum
 * (strictly less, as the stock alarm counts it).
 */
type Columns<T> = Record<string, (x: T) => unknown>;

/** The register import's columns, in its order: its fields as snake_case CSV headers. */
export const RESOURCE_IMPORT_COLUMNS = RESOURCE_FIELDS.map((f) =>
	f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
);

export const RESOURCE_COLUMNS: Columns<ResourceView> = {
	id: (r) => r.id,
	kind: (r) => r.kindId,
	name: (r) => r.name,
	plate: (r) => r.plate ?? '',
	agency: (r) => r.agency ?? '',
	home_base: (r) => r.homeBase ?? '',
	capability: (r) => r.capability ?? '',
	status: (r) => r.status,
	lat: (r) => r.lat ?? '',
	lon: (r) => r.lon ?? '',
	team: (r) => r.teamId ?? '',
	status_ts: (r) => r.statusTs ?? '',
	position_ts: (r) => r.positionTs ?? '',
	fuel_pct: (r) => r.fuelPct ?? '',
	request_id: (r) => r.requestId ?? '',
	exercise: (r) => r.exercise ?? '',
	demo: (r) => r.demo
};

/** What was assigned: resource ids, and `store:quantity` for a supply. */
const assignedText = (q: RequestView) =>
	q.assigned
		.map((a) => (a.resourceId ? a.resourceId : `${a.storeId ?? ''}:${a.quantity ?? ''}`))
		.join('; ');

export const REQUEST_COLUMNS: Columns<RequestView> = {
	id: (q) => q.id,
	kind: (q) => q.kindId,
	quantity: (q) => q.quantity,
	priority: (q) => q.priority,
	status: (q) => q.status,
	requester_kind: (q) => q.requesterKind,
	requester: (q) => q.requester,
	incident_id: (q) => q.incidentId ?? '',
	place: (q) => q.place ?? '',
	lat: (q) => q.lat ?? '',
	lon: (q) => q.lon ?? '',
	needed_by: (q) => q.neededBy ?? '',
	requested_at: (q) => q.requestedAt,
	approved_at: (q) => q.approvedAt ?? '',
	assigned_at: (q) => q.assignedAt ?? '',
	en_route_at: (q) => q.enRouteAt ?? '',
	delivered_at: (q) => q.deliveredAt ?? '',
	closed_at: (q) => q.closedAt ?? '',
	reason: (q) => q.reason ?? '',
	note: (q) => q.note ?? '',
	assigned: assignedText,
	exercise: (q) => q.exercise ?? '',
	demo: (q) => q.demo
};

/** A stock row with its kind's unit, as stock.csv writes it. */
export type StockLine = StockView & { unit: string };

/** Strictly below its minimum (the stock alarm's test). */
export const isBelow = (s: Pick<StockView, 'quantity' | 'minimum'>) =>
	s.minimum !== null && s.quantity < s.minimum;

export const STOCK_COLUMNS: Columns<StockLine> = {
	store: (s) => s.storeId,
	kind: (s) => s.kindId,
	quantity: (s) => s.quantity,
	unit: (s) => s.unit,
	minimum: (s) => s.minimum ?? '',
	below: (s) => isBelow(s),
	store_name: (s) => s.storeName,
	updated_at: (s) => s.updatedAt,
	exercise: (s) => s.exercise ?? ''
};

/** Each stock row with its kind's unit (the kind's id when the kind is gone). */
export const stockLines = (stock: StockView[], kinds: ResourceKindView[]): StockLine[] => {
	const unit = new Map(kinds.map((k) => [k.id, k.unit]));
	return stock.map((s) => ({ ...s, unit: unit.get(s.kindId) ?? '' }));
};

/**
 * Where a request is needed: its own point, else its incident's (null: neither, a feature with
 * no geometry, RFC 7946 §3.2).
 */
export function requestPoint(incidents: readonly IncidentView[]) {
	const at = new Map(incidents.map((i) => [i.id, i]));
	return (q: RequestView): GeoJSON.Point | null => {
		if (q.lat !== null && q.lon !== null) return { type: 'Point', coordinates: [q.lon, q.lat] };
		const i = q.incidentId ? at.get(q.incidentId) : undefined;
		return i ? { type: 'Point', coordinates: [i.lon, i.lat] } : null;
	};
}
