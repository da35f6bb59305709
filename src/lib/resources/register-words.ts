/**
 * The register page's answers and problems in the screen's language: a form action's answer
 * (seen loosely), and a problem key with the values it names (a line, a kind, a request).
 */
import { m } from '$lib/paraglide/messages';

const messages = m as unknown as Record<string, unknown>;

export interface RegisterProblem {
	field: string;
	problem: string;
	params?: Record<string, string | number>;
}

export interface RegisterAnswer {
	action?: string;
	done?: string;
	name?: string;
	problem?: string;
	field?: string;
	params?: Record<string, string | number>;
	problems?: Record<string, RegisterProblem>;
	fields?: Record<string, string>;
	preview?: {
		file: string;
		good: number;
		updates: number;
		badCount: number;
		bad: { line: number; id: string; problems: RegisterProblem[] }[];
	};
	imported?: { added: number; updated: number; skipped: number; file: string };
}

/** The answer when it came from this action (or from any, without one). */
export function registerAnswer(form: unknown, action?: string): RegisterAnswer | undefined {
	const a = (form ?? undefined) as RegisterAnswer | undefined;
	return !action || a?.action === action ? a : undefined;
}

/** A problem's words, its values put in; a key without a message is shown as it is. */
export function registerProblem(
	key: string | null | undefined,
	params: Record<string, string | number> = {}
): string {
	if (!key) return '';
	const f = messages[key];
	if (typeof f !== 'function') return key;
	const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
	return (f as (p: Record<string, string>) => string)(values);
}

/** A field of the register as the CSV names its column (the form's homeBase is home_base). */
export const csvColumn = (field: string) => (field === 'homeBase' ? 'home_base' : field);

/**
 * `use:enhance` for the register's forms: a refused form always keeps what was typed; a saved one
 * is emptied when it added something (`clear`), and otherwise shows the saved values as the
 * fresh data brings them (an edit, a stock line) rather than its fields emptied by a reset.
 */
export const afterSave =
	(clear: boolean) =>
	() =>
	({ update }: { update: (o: { reset: boolean }) => Promise<void> }) =>
		update({ reset: clear });
