/** What a request form got back from its action (SvelteKit's ActionData, seen loosely). */
export interface RequestAnswer {
	action?: string;
	done?: string;
	problem?: string;
	field?: string;
	params?: Record<string, string | number>;
	/** The first problem of each field, shown beside it. */
	problems?: Record<string, string>;
	fields?: Record<string, unknown>;
	/** A supply's assignment (from a store): no tasking goes out. */
	supply?: boolean;
	tasked?: number;
	queued?: string[];
}

export const answerOf = (form: unknown) => (form ?? undefined) as RequestAnswer | undefined;

/** The answer when it came from this action. */
export function answerFor(form: unknown, action: string): RequestAnswer | undefined {
	const a = answerOf(form);
	return a?.action === action ? a : undefined;
}

/** `use:enhance` that keeps what was typed after the answer (a refused form is fixed, not retyped). */
export const keepTyped =
	() =>
	({ update }: { update: (o: { reset: boolean }) => Promise<void> }) =>
		update({ reset: false });
