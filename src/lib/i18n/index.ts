/**
 * Languages of the UI: Tajik, Russian, English (paraglide-js, messages in messages/{locale}.json).
 * A screen picks its language from `?lang=` (which also sets the cookie) or the cookie; each screen
 * of a multi-screen wall may speak its own.
 */
import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime';

export { getLocale, locales, type Locale };

export function isLocale(v: unknown): v is Locale {
	return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

/** Applies `?lang=xx` from a URL, when valid; returns the locale now in force. */
export function applyLocaleFromUrl(url: URL): Locale {
	const lang = url.searchParams.get('lang');
	if (isLocale(lang) && lang !== getLocale()) setLocale(lang, { reload: false });
	return getLocale();
}

/** The BCP 47 tag Intl uses for a locale (Tajik in Cyrillic). */
export const intlTag: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', tg: 'tg-Cyrl-TJ' };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 1514 → "1,514" (en), "1 514" (ru, tg). */
export function formatNumber(n: number, locale: Locale = getLocale(), digits = 0): string {
	const key = `${locale}|${digits}`;
	let f = numberFormats.get(key);
	if (!f) {
		f = new Intl.NumberFormat(intlTag[locale], {
			maximumFractionDigits: digits,
			minimumFractionDigits: digits
		});
		numberFormats.set(key, f);
	}
	return f.format(n);
}
