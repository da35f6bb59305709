import { getLocale } from '$lib/i18n';
import { parsePlaceQuery } from '$lib/server/places/query';
import { placeById, searchPlaces } from '$lib/server/places/search';
import type { ConsolePlaces } from '$lib/places';
import { readSettings } from '$lib/server/settings/store';
import type { Database } from '$lib/server/db/types';
import { placeIndex } from '$lib/server/places';

/** How many places the console's search lists. */
export const CONSOLE_PLACES = 8;

/**
 * The new-incident form's place search when the browser runs no JavaScript: a plain GET form
 * (`?place=Kulob`) lists the places, each a link that picks it (`&pick=<id>`). With JavaScript the
 * form asks /api/v1/places instead and fills the point in place.
 */
export async function consolePlaces(url: URL, db: Database): Promise<ConsolePlaces> {
	const locale = getLocale();
	const query = (url.searchParams.get('place') ?? '').slice(0, 100);
	const pick = url.searchParams.get('pick');
	const index = await placeIndex(db);
	const picked = pick ? placeById(pick.slice(0, 100), locale, index) : null;
	const parsed = parsePlaceQuery(new URLSearchParams({ q: query }));
	if (!parsed.ok) return { query, results: null, picked };
	const { area } = await readSettings(db);
	const results = searchPlaces(
		parsed.query.q,
		{ limit: CONSOLE_PLACES, locale, area: area.bbox },
		index
	);
	return { query, results, picked };
}
