/**
 * The backup file: JSON lines, the same on PGlite and on PostgreSQL, so a backup of one restores
 * into the other (the way from the embedded database to a server). A control line is a JSON
 * array, a row is a JSON object (PostgreSQL's own `row_to_json`, so every type keeps its exact
 * text: microseconds, float digits, bigints, bytea as hex):
 *
 *   ["eocwall-backup", 1, {header}]        what, when, from which backend, migration level
 *   ["table", "team", ["id", …]]           then one line per row of that table
 *   {"id":"kulob-1",…}
 *   ["rows", "team", 12]                   the table's row count, checked on restore
 *   …                                      every table, parents before children
 *   ["sequences", {"team_position_id_seq": "4031", …}]
 *   ["end", 5312]                          total rows: a file cut short has no end line
 */
import type { Migration } from './catalog';

export const FORMAT = 'eocwall-backup';
export const VERSION = 1;

export interface Header {
	createdAt: string;
	backend: 'pglite' | 'postgres';
	migrations: Migration[];
	tables: string[];
}

/** A line of the file that is not a row, as read back. */
export type Control =
	| { kind: 'table'; table: string; columns: string[] }
	| { kind: 'rows'; table: string; count: number }
	| { kind: 'sequences'; values: Record<string, string | null> }
	| { kind: 'end'; rows: number };

export class BackupFileError extends Error {}

const isStrings = (v: unknown): v is string[] =>
	Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The first line: the header, or an error saying the file is not a backup (of this version). */
export function parseHeader(line: string | undefined): Header {
	let v: unknown;
	try {
		v = JSON.parse(line ?? '');
	} catch {
		v = null;
	}
	if (!Array.isArray(v) || v[0] !== FORMAT)
		throw new BackupFileError('this is not an eocwall backup (its first line is not the header)');
	if (v[1] !== VERSION)
		throw new BackupFileError(
			`this backup is format version ${JSON.stringify(v[1])}; this eocwall reads version ${VERSION}`
		);
	const h = v[2] as Header;
	if (
		!h ||
		typeof h.createdAt !== 'string' ||
		!isStrings(h.tables) ||
		!Array.isArray(h.migrations) ||
		!h.migrations.every((m) => typeof m?.hash === 'string' && typeof m?.createdAt === 'string')
	)
		throw new BackupFileError('the backup header is damaged');
	return h;
}

/** A control line (a JSON array), or an error naming the line. */
export function parseControl(line: string, n: number): Control {
	let v: unknown;
	try {
		v = JSON.parse(line);
	} catch {
		throw new BackupFileError(`line ${n} is not JSON: the file is damaged`);
	}
	if (Array.isArray(v)) {
		const [kind, a, b] = v;
		if (kind === 'table' && typeof a === 'string' && isStrings(b))
			return { kind, table: a, columns: b };
		if (kind === 'rows' && typeof a === 'string' && Number.isSafeInteger(b))
			return { kind, table: a, count: b };
		if (kind === 'sequences' && a && typeof a === 'object' && !Array.isArray(a))
			return { kind, values: a as Record<string, string | null> };
		if (kind === 'end' && Number.isSafeInteger(a)) return { kind, rows: a };
	}
	throw new BackupFileError(`line ${n} is not a line of an eocwall backup: the file is damaged`);
}

export const headerLine = (h: Header) => JSON.stringify([FORMAT, VERSION, h]);
export const controlLine = (c: Control): string => {
	switch (c.kind) {
		case 'table':
			return JSON.stringify(['table', c.table, c.columns]);
		case 'rows':
			return JSON.stringify(['rows', c.table, c.count]);
		case 'sequences':
			return JSON.stringify(['sequences', c.values]);
		case 'end':
			return JSON.stringify(['end', c.rows]);
	}
};
