import { error, json } from '@sveltejs/kit';
import { getLocale } from '$lib/i18n';
import { requireReader } from '$lib/server/auth/access';
import { parsePlaceQuery } from '$lib/server/places/query';
import { searchPlaces } from '$lib/server/places/search';
import { readSettings } from '$lib/server/settings/store';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * Place search (gazetteer): `?q=Kulob&limit=10&lang=tg`. Names in `lang`, else the screen's
 * language, where the EOC named the place; nearer the operational area first among equal matches.
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const parsed = parsePlaceQuery(event.url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const { q, limit, lang } = parsed.query;
	const { area } = await readSettings(services().db);
	return json(searchPlaces(q, { limit, locale: lang ?? getLocale(), area: area.bbox }));
};
