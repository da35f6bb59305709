/**
 * Matching: what can answer a request, nearest first. Distances are straight lines (great-circle,
 * haversine: places/search.ts `km`) from where the request is needed (its point, else its
 * incident's) to where the resource or store was last known; not road distances, which the EOC
 * does not hold. Without a point on either side the distance is unknown and the candidate comes
 * after those with one.
 */
import type { Queryable } from '../db/types';
import { km } from '../places/search';

export interface Point {
	lat: number;
	lon: number;
}

export interface ResourceCandidate {
	id: string;
	name: string;
	plate: string | null;
	agency: string | null;
	homeBase: string | null;
	teamId: string | null;
	/** Straight-line kilometres, one decimal; null when either side has no position. */
	km: number | null;
}

export interface StoreCandidate {
	storeId: string;
	name: string;
	district: string | null;
	quantity: number;
	km: number | null;
}

/** Where a request is needed: its own point, else its incident's; null when neither is known. */
export async function requestPoint(
	q: Queryable,
	r: { lat: number | null; lon: number | null; incidentId: string | null }
): Promise<Point | null> {
	if (r.lat !== null && r.lon !== null) return { lat: r.lat, lon: r.lon };
	if (!r.incidentId) return null;
	const [i] = await q.query<Point>('select lat, lon from incident where id = $1', [r.incidentId]);
	return i ?? null;
}

const distance = (from: Point | null, lat: number | null, lon: number | null) =>
	from && lat !== null && lon !== null
		? Math.round(km(from.lat, from.lon, lat, lon) * 10) / 10
		: null;

/** Nearest first; unknown distances last, by name. */
export function nearestFirst<T extends { km: number | null; name: string }>(list: T[]): T[] {
	return list.sort(
		(a, b) =>
			(a.km ?? Infinity) - (b.km ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
	);
}

/** Available resources of `kindId` in the picture, nearest to `from` first. */
export async function suggestResources(
	q: Queryable,
	kindId: string,
	exercise: string | null,
	from: Point | null
): Promise<ResourceCandidate[]> {
	const rows = await q.query<{
		id: string;
		name: string;
		plate: string | null;
		agency: string | null;
		home_base: string | null;
		team_id: string | null;
		lat: number | null;
		lon: number | null;
	}>(
		`select id, name, plate, agency, home_base, team_id, lat, lon from resource
		where kind_id = $1 and status = 'available' and exercise is not distinct from $2::text`,
		[kindId, exercise]
	);
	return nearestFirst(
		rows.map((r) => ({
			id: r.id,
			name: r.name,
			plate: r.plate,
			agency: r.agency,
			homeBase: r.home_base,
			teamId: r.team_id,
			km: distance(from, r.lat, r.lon)
		}))
	);
}

/** Stores holding some of supply `kindId` in the picture, nearest to `from` first. */
export async function suggestStores(
	q: Queryable,
	kindId: string,
	exercise: string | null,
	from: Point | null
): Promise<StoreCandidate[]> {
	const rows = await q.query<{
		store_id: string;
		name: string | null;
		district: string | null;
		quantity: number;
		lat: number | null;
		lon: number | null;
	}>(
		`select st.store_id, s.name, s.district, st.quantity, s.lat, s.lon
		from stock st left join store s on s.id = st.store_id
		where st.kind_id = $1 and st.quantity > 0 and st.exercise is not distinct from $2::text`,
		[kindId, exercise]
	);
	return nearestFirst(
		rows.map((r) => ({
			storeId: r.store_id,
			name: r.name ?? r.store_id,
			district: r.district,
			quantity: r.quantity,
			km: distance(from, r.lat, r.lon)
		}))
	);
}
