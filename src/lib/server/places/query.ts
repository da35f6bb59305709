import { z } from 'zod';
import { locales, type Locale } from '$lib/i18n';

/** The most results one search returns. */
export const MAX_PLACES = 50;

/** `?q=&limit=&lang=` of a place search, as sent (strings). */
export const placeQuerySchema = z.object({
	q: z
		.string({ error: '`q` is required: the place name to search for.' })
		.trim()
		.min(1, '`q` must not be empty.')
		.max(100, '`q` must be at most 100 characters.'),
	limit: z.coerce
		.number({ error: '`limit` must be a whole number.' })
		.int('`limit` must be a whole number.')
		.min(1, `\`limit\` must be from 1 to ${MAX_PLACES}.`)
		.max(MAX_PLACES, `\`limit\` must be from 1 to ${MAX_PLACES}.`)
		.default(10),
	lang: z
		.enum(locales as readonly Locale[] as [Locale, ...Locale[]], {
			error: `\`lang\` must be one of ${locales.join(', ')}.`
		})
		.optional()
});

export type PlaceQuery = z.infer<typeof placeQuerySchema>;

/** The query of a URL, or the first problem with it as a sentence for a 400. */
export function parsePlaceQuery(
	params: URLSearchParams
): { ok: true; query: PlaceQuery } | { ok: false; message: string } {
	const raw: Record<string, string> = {};
	for (const key of ['q', 'limit', 'lang'] as const) {
		const v = params.get(key);
		if (v !== null && !(key !== 'q' && v === '')) raw[key] = v;
	}
	const parsed = placeQuerySchema.safeParse(raw);
	return parsed.success
		? { ok: true, query: parsed.data }
		: { ok: false, message: parsed.error.issues[0].message };
}
