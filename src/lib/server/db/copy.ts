/**
 * Rows for `COPY … FROM STDIN` in PostgreSQL's text format: one line per row, columns separated
 * by a tab, `\N` for null, and backslash, newline, carriage return and tab escaped
 * (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"). For the ingest's big
 * inserts COPY costs the server about half the CPU of an INSERT … SELECT over JSON
 * (docs/benchmarks.md). The ingest's text never holds NUL (validation rejects it), which COPY,
 * like every PostgreSQL text, cannot carry.
 */

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One text value (or null) as a COPY column. */
export function copyText(value: string | null): string {
	if (value === null) return '\\N';
	return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPED[c]) : value;
}

/** A float8 column: a finite number (JSON has no other), or null. */
export function copyNumber(value: number | null): string {
	return value === null ? '\\N' : String(value);
}

/** A timestamptz column, in UTC, whatever the session's TimeZone. */
export function copyTime(value: Date): string {
	return value.toISOString();
}

/**
 * copyTime remembering what it wrote, for one batch: for a column where many rows share one
 * millisecond (the messages of a burst are received together), as toISOString is not cheap.
 */
export function copyTimes(): (value: Date) => string {
	const seen = new Map<number, string>();
	return (value) => {
		const ms = value.getTime();
		let text = seen.get(ms);
		if (text === undefined) seen.set(ms, (text = value.toISOString()));
		return text;
	};
}
