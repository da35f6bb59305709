import { error, json } from '@sveltejs/kit';
import { getLocale } from '$lib/i18n';
import { requireReader } from '$lib/server/auth/access';
import { parsePlaceQuery } from '$lib/server/places/query';
import { placeIndex } from '$lib/server/places';
import { searchPlaces } from '$lib/server/places/search';
import { readSettings } from '$lib/server/settings/store';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * Place search (gazetteer): `?q=Kulob&limit=10&lang=tg`. Names in `lang`, else the screen's
 * language, where the place has a name in it; nearer the operational area first among equal
 * matches. Searches GeoNames' settlements, the admin's places and the reference layers' features;
 * each result says its `source` and `kind`.
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const parsed = parsePlaceQuery(event.url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const { q, limit, lang } = parsed.query;
	const db = services().db;
	const [{ area }, index] = await Promise.all([readSettings(db), placeIndex(db)]);
	return json(searchPlaces(q, { limit, locale: lang ?? getLocale(), area: area.bbox }, index));
};
