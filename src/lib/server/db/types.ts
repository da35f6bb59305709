import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** Something that runs one SQL statement with $1.. parameters and returns rows. */
export interface Queryable {
	query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
	/**
	 * `COPY table (columns) FROM STDIN` with `data` in text format (lines built with db/copy.ts),
	 * for the ingest's big inserts. A row the table refuses fails the whole COPY with the
	 * server's error (e.g. 23505 for a key that exists): inside a transaction, wrap it in a
	 * savepoint to carry on after that.
	 */
	copyIn(table: string, columns: readonly string[], data: string): Promise<void>;
}

/**
 * The database as the app sees it: one interface, two small adapters (PGlite embedded,
 * postgres.js for a real server). Hot paths (ingest, stream) use `query`/`transaction` with
 * plain SQL; everything else may use the drizzle `orm`.
 */
export interface Database extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	readonly orm: PgDatabase<PgQueryResultHKT, typeof schema>;
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Subscribe to NOTIFY on a channel; returns the unsubscribe function. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	/** Run migrations from ./drizzle (safe when several instances start at once). */
	migrate(folder: string): Promise<void>;
	close(): Promise<void>;
}
