/**
 * The place index of this instance: the gazetteer (search.ts BASE_INDEX) with the admin's places
 * and the reference layers' named features, built from the database once and kept until a change
 * (changes.ts: an admin's save, a layer's import or deletion, here or on another instance).
 * A search never reads the database.
 */
import type { Database } from '../db/types';
import { onPlacesChanged, PLACES_CHANNEL } from './changes';
import { BASE_INDEX, type Indexed } from './search';
import { adminPlaceItems, layerItems, type LayerRow } from './sources';
import { listPlaces } from './store';

interface State {
	index: Promise<readonly Indexed[]> | null;
	listening: boolean;
}
const states = new WeakMap<Database, State>();

async function build(db: Database): Promise<readonly Indexed[]> {
	const [places, layers] = await Promise.all([
		listPlaces(db),
		db.query<LayerRow>(
			`select id, name, kind, style, data from reference_layer order by sort_order, id`
		)
	]);
	// Admin places first: among equal matches, the one the EOC named itself wins a duplicate.
	return [...adminPlaceItems(places), ...BASE_INDEX, ...layerItems(layers)];
}

/** The index to search; the first call (and the first after a change) builds it. */
export function placeIndex(db: Database): Promise<readonly Indexed[]> {
	let state = states.get(db);
	if (!state) states.set(db, (state = { index: null, listening: false }));
	const s = state;
	if (!s.listening) {
		s.listening = true;
		const invalidate = () => {
			s.index = null;
		};
		onPlacesChanged(invalidate);
		db.listen(PLACES_CHANNEL, invalidate).catch(() => {
			// Without NOTIFY (e.g. the connection is down) this instance still hears its own changes.
		});
	}
	if (!s.index) {
		const p = build(db);
		s.index = p;
		p.catch(() => {
			if (s.index === p) s.index = null;
		});
	}
	return s.index;
}
