/**
 * Words the wall builds from data: incident types, team statuses, gauge levels, activation levels,
 * ages and places, each through the paraglide messages of the current locale.
 */
import { ageParts, parseTs } from '$lib/format';
import type { ActivationLevel, IncidentType, TeamStatus } from '$lib/live/types';
import { m } from '$lib/paraglide/messages';
import type { GaugeLevel } from '$lib/wall/boards/gauges';
import type { NearPlace } from '$lib/wall/boards/places';
import { formatNumber, getLocale, type Locale } from './index';

type Word = () => string;

export const TYPE_WORD: Record<IncidentType, Word> = {
	mudflow: m.wall_type_mudflow,
	flood: m.wall_type_flood,
	landslide: m.wall_type_landslide,
	earthquake: m.wall_type_earthquake,
	avalanche: m.wall_type_avalanche,
	fire: m.wall_type_fire,
	building_collapse: m.wall_type_building_collapse,
	road_blocked: m.wall_type_road_blocked,
	other: m.wall_type_other
};

export const STATUS_WORD: Record<TeamStatus | 'stale', Word> = {
	available: m.wall_status_available,
	en_route: m.wall_status_en_route,
	on_scene: m.wall_status_on_scene,
	returning: m.wall_status_returning,
	out_of_service: m.wall_status_out_of_service,
	stale: m.wall_status_stale
};

export const LEVEL_WORD: Record<GaugeLevel, Word> = {
	normal: m.wall_level_normal,
	warning: m.wall_level_warning,
	danger: m.wall_level_danger
};

export const ACTIVATION_WORD: Record<ActivationLevel, Word> = {
	1: m.wall_activation_1,
	2: m.wall_activation_2,
	3: m.wall_activation_3,
	4: m.wall_activation_4
};

/** "3 min", "3 мин", "3 дақ"; "—" for no age. */
export function ageWord(ms: number | null): string {
	const a = ageParts(ms ?? Number.NaN);
	switch (a.unit) {
		case 'none':
			return '—';
		case 'now':
			return m.wall_age_now();
		case 's':
			return m.wall_age_s({ n: a.n });
		case 'min':
			return m.wall_age_min({ n: a.n });
		case 'h':
			return m.wall_age_h({ n: a.n, mm: a.mm });
		case 'd':
			return m.wall_age_d({ n: a.n });
	}
}

/** Age of an ISO timestamp at `now`. */
export function ageSince(ts: string | null, now: number): string {
	const t = parseTs(ts);
	return t === null ? m.wall_age_never() : ageWord(now - t);
}

/** "Kulob" or "Kulob · 10 km ↗", in the current language. */
export function placeWord(near: NearPlace, locale: Locale = getLocale()): string {
	const place = near.place.name[locale];
	return near.km === 0
		? m.wall_place_in({ place }, { locale })
		: m.wall_place_near(
				{ place, km: formatNumber(near.km, locale), arrow: near.arrow },
				{ locale }
			);
}

/** "EXERCISE · МАШҚ · УЧЕНИЯ": every language at once, the screen's own first. */
export function exerciseBanner(locale: Locale = getLocale()): string {
	const order: Locale[] = [locale, ...(['en', 'tg', 'ru'] as const).filter((l) => l !== locale)];
	return order.map((l) => m.wall_exercise({}, { locale: l })).join(' · ');
}
