import { m } from '$lib/paraglide/messages';

const messages = m as unknown as Record<string, unknown>;

/**
 * A problem a form action returned, as a message key (`title_missing`), in the screen's language.
 * A key without a message is shown as it is rather than hidden.
 */
export function problemText(key: string | null | undefined): string {
	if (!key) return '';
	const f = messages[key];
	return typeof f === 'function' ? (f as () => string)() : key;
}
