/**
 * The console's keyboard shortcuts for working the report queue: one key each, never while the
 * operator types (in a field, a list box or an editable area) nor with Ctrl, Alt or Meta held, so
 * the browser's and the screen reader's own keys keep working.
 */
export type Shortcut = 'next' | 'previous' | 'accept' | 'merge' | 'reject';

/** Key → what it does; the page lists them in this order (its "Keyboard" help). */
export const SHORTCUTS: readonly (readonly [key: string, does: Shortcut])[] = [
	['j', 'next'],
	['n', 'next'],
	['k', 'previous'],
	['a', 'accept'],
	['m', 'merge'],
	['r', 'reject']
];
const BY_KEY = new Map(SHORTCUTS);

interface KeyLike {
	key: string;
	/** The physical key (`KeyJ`): the same on a Russian or Tajik layout, where `key` is Cyrillic. */
	code?: string;
	ctrlKey: boolean;
	altKey: boolean;
	metaKey: boolean;
	defaultPrevented: boolean;
	target: EventTarget | null;
}

/** True where a key press is text being typed, not a command. */
export function isTyping(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).closest !== 'function') return false;
	const el = target as HTMLElement;
	if (el.isContentEditable) return true;
	return (
		el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
	);
}

/** The shortcut a key press asks for, or null when it is not one (or the operator is typing). */
export function shortcutOf(e: KeyLike): Shortcut | null {
	if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return null;
	if (isTyping(e.target)) return null;
	// By the key's place on the keyboard first: operators type Russian and Tajik, and on those
	// layouts the J key gives "о". (A Dvorak typist gets the keys at their QWERTY places.)
	const letter = /^Key([A-Z])$/.exec(e.code ?? '')?.[1].toLowerCase();
	return (letter && BY_KEY.get(letter)) || BY_KEY.get(e.key.toLowerCase()) || null;
}

/** The report after (step 1) or before (step -1) `current` in `ids`; the first when none is. */
export function stepThrough(
	ids: readonly string[],
	current: string | null,
	step: 1 | -1
): string | null {
	if (ids.length === 0) return null;
	const at = current === null ? -1 : ids.indexOf(current);
	if (at === -1) return ids[step === 1 ? 0 : ids.length - 1];
	return ids[Math.min(ids.length - 1, Math.max(0, at + step))];
}

/**
 * The report to keep selected after the queue changed (one accepted, merged or rejected is gone):
 * the same one while it is still there, else the one now at its place, else the last.
 */
export function keepSelection(
	before: readonly string[],
	after: readonly string[],
	current: string | null
): string | null {
	if (current === null || after.includes(current)) return current;
	const at = before.indexOf(current);
	if (after.length === 0) return null;
	if (at === -1) return after[0];
	// The reports before it that are still there: the next one takes its index among them.
	const kept = before.slice(0, at).filter((id) => after.includes(id)).length;
	return after[Math.min(kept, after.length - 1)];
}
