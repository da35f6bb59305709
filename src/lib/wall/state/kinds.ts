/**
 * A resource kind's name in the screen's language (the register's `names`, English when the
 * language has none, the kind's id when it has no name at all) and the short label the map draws
 * on a resource's symbol: the initials of a name of several words ("Dump truck" DT), else its first
 * three letters ("Excavator" EXC), in capitals.
 */
import type { ResourceKindView } from '$lib/live/types';

export function kindName(
	kind: ResourceKindView | undefined,
	kindId: string,
	locale: string
): string {
	const names = kind?.names;
	return names?.[locale]?.trim() || names?.en?.trim() || kindId;
}

/** At most this many letters on a resource's symbol: what fits its badge at 13 px. */
export const SHORT_MAX = 3;

export function kindShort(name: string, locale?: string): string {
	// What is in brackets qualifies the name ("Water (bottled)"); it is not the name.
	const words = name
		.replace(/\([^)]*\)/gu, ' ')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0);
	if (words.length === 0) return '';
	const letters =
		words.length > 1 ? words.map((w) => [...w][0]) : [...words[0]].slice(0, SHORT_MAX);
	return letters.slice(0, SHORT_MAX).join('').toLocaleUpperCase(locale);
}
