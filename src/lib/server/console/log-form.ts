import { z } from 'zod';
import { LOG_TEXT_MAX } from '$lib/console/limits';

/**
 * A log entry as an operator posts it. Line ends are made `\n` and the ends trimmed; a NUL is
 * refused (PostgreSQL text cannot hold one). The incident is an id or none; whether it is open is
 * the database's to say. A checkbox sends a value only when ticked.
 */
export const logPostSchema = z.object({
	text: z
		.string()
		.transform((s) => s.replace(/\r\n?/g, '\n').trim())
		.pipe(
			z
				.string()
				.min(1, 'log_text_missing')
				.max(LOG_TEXT_MAX, 'log_text_too_long')
				.refine((s) => !s.includes('\0'), 'log_text_invalid')
		),
	incidentId: z
		.string()
		.trim()
		.max(200, 'log_incident_unknown')
		.transform((s) => s || null),
	significant: z.string().transform((s) => s !== '')
});
export type LogPost = z.output<typeof logPostSchema>;
export const LOG_POST_FIELDS = ['text', 'incidentId', 'significant'] as const;

/** The entry to verify: a log_entry id (bigserial), as the page sends it. */
export const logVerifySchema = z.object({
	id: z
		.string()
		.regex(/^[1-9]\d{0,14}$/, 'log_not_found')
		.transform(Number)
});
