import { connect, type Socket } from 'node:net';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import * as schema from './schema';
import type { Database, Queryable } from './types';

// Any fixed number: every instance takes the same lock so migrations run one at a time.
const MIGRATION_LOCK = 0x0e0c_0a11;

/**
 * postgres.js's sockets, with Nagle's algorithm off (postgres.js leaves it on). A COPY goes out as
 * two writes, the data and then CopyDone; with Nagle the small second one waits for the server's
 * delayed ACK of the first, 40 ms on Linux, in every COPY (docs/benchmarks.md). libpq sets
 * TCP_NODELAY for the same reason. The socket is returned while it connects: postgres.js queues
 * its first message, times the connect out (connect_timeout) and handles errors as for its own.
 */
function noDelaySockets(): (o: {
	host: string[];
	port: number[];
	path?: string | false;
}) => Socket {
	let next = 0;
	return ({ host, port, path }) => {
		if (path) return connect({ path });
		const i = next++ % host.length;
		const socket = connect({ host: host[i], port: port[i] ?? port[0], noDelay: true });
		// Read by postgres.js's connection errors ("write CONNECTION_CLOSED host:port").
		return Object.assign(socket, { host: host[i], port: port[i] ?? port[0] });
	};
}

export async function openPostgres(url: string, onError?: (e: unknown) => void): Promise<Database> {
	const options = { onnotice: () => {}, connect_timeout: 10, socket: noDelaySockets() } as const;
	// Two clients: drizzle changes the serializers of a client it wraps (docs/platform-notes.md), and the
	// ingest hot path wants plain postgres.js.
	const raw = postgres(url, { ...options, max: 8 });
	const ormClient = postgres(url, { ...options, max: 4 });
	const orm = drizzle(ormClient, { schema });
	const asQueryable = (q: postgres.Sql | postgres.TransactionSql): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as T[];
		},
		async copyIn(table, columns, data) {
			if (!data) return;
			const copy = q.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`);
			// postgres.js 3.4 never settles the writable when the server refuses the COPY after the
			// last row was sent (porsager/postgres#1173, fix pending in #1183): the transaction
			// would hang, holding its connection. The server's error still reaches the query's own
			// `reject`, long after the query resolved with the stream: take it from there.
			const query = copy as unknown as { reject(e: unknown): void };
			const rejectQuery = query.reject;
			let refused: (e: unknown) => void = () => {};
			query.reject = (e) => {
				refused(e);
				rejectQuery(e);
			};
			const sink = await copy.writable();
			// Settles when the server has taken every row (CommandComplete) or refused one.
			await new Promise<void>((resolve, reject) => {
				refused = reject;
				sink.once('error', reject);
				sink.end(data, (err?: Error | null) => (err ? reject(err) : resolve()));
			});
		}
	});
	await raw`select 1`; // fail fast with the driver's message if the server is not there
	const db: Database = {
		kind: 'postgres',
		orm: orm as unknown as Database['orm'],
		...asQueryable(raw),
		transaction: async (fn) => (await raw.begin((tx) => fn(asQueryable(tx)))) as never,
		listen: async (channel, onPayload) => {
			const sub = await raw
				.listen(channel, onPayload, () => {})
				.catch((e) => {
					onError?.(e);
					throw e;
				});
			return () => sub.unlisten();
		},
		migrate: async (folder) => {
			const one = postgres(url, { ...options, max: 1 });
			try {
				await one`select pg_advisory_lock(${MIGRATION_LOCK})`;
				await migrate(drizzle(one), { migrationsFolder: folder });
				await one`select pg_advisory_unlock(${MIGRATION_LOCK})`;
			} finally {
				await one.end({ timeout: 5 });
			}
		},
		close: async () => {
			await Promise.all([raw.end({ timeout: 5 }), ormClient.end({ timeout: 5 })]);
		}
	};
	return db;
}
