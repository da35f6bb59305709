/**
 * What a console form got back from its action, seen loosely: the action's name, the row it was
 * about, whether it saved, or a problem with the fields as sent. (SvelteKit's ActionData is the
 * union of every action's answers, which cannot be narrowed by the action's name.)
 */
export interface Answer {
	action?: string;
	id?: string;
	saved?: boolean;
	posted?: number;
	verified?: number;
	problem?: string;
	field?: string;
	fields?: Record<string, string>;
}

/** The answer when it came from this action (and, given an id, is about this row). */
export function answerOf(form: unknown, action: string, id?: string): Answer | undefined {
	const a = form as Answer | null | undefined;
	if (a?.action !== action) return undefined;
	return id === undefined || a.id === id ? a : undefined;
}
