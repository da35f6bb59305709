import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { ROOT } from './app';

/** A resource of the register, as a test needs one (the register's own screens are not used). */
export interface TestResource {
	id: string;
	teamId?: string | null;
	exercise?: string | null;
	kindId?: string;
}

/**
 * Puts resources into the database of an app that has not started yet (PGlite allows one process)
 * or of a running app on PostgreSQL: a plain SQL insert, migrated first.
 */
export async function insertResources(
	env: Record<string, string>,
	resources: TestResource[],
	/**
	 * Kinds of the test's own (equipment), first in the register's order: the resources board
	 * lists kinds by `sort` and counts what does not fit ("+N more"), so a test's kind on a
	 * database with a full register (the demo's) still has a row of its own.
	 */
	kinds: string[] = []
): Promise<void> {
	const db = await openDatabase({
		DATABASE_URL: env.DATABASE_URL,
		PGLITE_DIR: env.PGLITE_DIR ?? './data/pglite'
	});
	try {
		await db.migrate(join(ROOT, 'drizzle'));
		for (const id of kinds)
			await db.query(
				`insert into resource_kind (id, names, class, unit, sort)
				values ($1, jsonb_build_object('en', 'Test ' || $1), 'equipment', 'unit', -1000)`,
				[id]
			);
		for (const r of resources)
			await db.query(
				`insert into resource (id, kind_id, name, team_id, exercise) values ($1, $2, $3, $4, $5)`,
				[r.id, r.kindId ?? 'excavator', `Test ${r.id}`, r.teamId ?? null, r.exercise ?? null]
			);
	} finally {
		await db.close();
	}
}

/** A valid `eoc/v1/resources/{id}/status` payload; `overrides` (undefined: drop the field). */
export function resourceStatus(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const out: Record<string, unknown> = {
		msgId: randomUUID(),
		ts: new Date().toISOString(),
		status: 'en_route',
		lat: 37.91,
		lon: 69.78,
		fuelPct: 64,
		...overrides
	};
	for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
	return out;
}

/**
 * The kill tests' share of resource statuses: every tenth message (i % 10 = 5) is a status of one
 * of ten resources, carrying its index as the quantity, so that each resource must end with the
 * quantity of its newest message (none lost, none moved back by a redelivery).
 */
export const killStatuses = {
	ids: (prefix: string) => Array.from({ length: 10 }, (_, r) => `${prefix}-r${r}`),
	is: (i: number) => i % 10 === 5,
	message(prefix: string, i: number, ts: number) {
		return {
			topic: `eoc/v1/resources/${prefix}-r${Math.floor(i / 10) % 10}/status`,
			payload: JSON.stringify({
				msgId: `${prefix}-rs-${i}`,
				ts,
				status: i % 20 === 5 ? 'en_route' : 'on_scene',
				quantity: i
			})
		};
	},
	/** How many of `total` messages are statuses. */
	count: (total: number) =>
		Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 === 5).length,
	/** The resources' quantities added up, once each holds its newest of `total` messages. */
	sum(total: number) {
		const newest = new Map<number, number>();
		for (let i = 0; i < total; i++) if (i % 10 === 5) newest.set(Math.floor(i / 10) % 10, i);
		return [...newest.values()].reduce((a, b) => a + b, 0);
	},
	query: 'select coalesce(sum(quantity), 0)::int as n from resource'
};

/**
 * The shipped Mosquitto ACL as an EOC edits its copy for resources (docs/deploy.md): the
 * commented tracker block taken in for one tracker and its resource, and a team's own `user`
 * block given the two lines of a resource it operates.
 */
export function resourceAcl(
	text: string,
	o: { tracker: string; trackerResource: string; team: string; teamResource: string }
): string {
	const block = text
		.split('\n')
		.filter((l) =>
			/^# (user tracker-|topic (write|read|deny) eoc\/v1\/(resources|teams\/#|incidents\/#))/.test(
				l
			)
		)
		.map((l) =>
			l
				.slice(2)
				.replace('tracker-kulob-exc-07', o.tracker)
				.replace(/kulob-exc-07/g, o.trackerResource)
		);
	if (block[0] !== `user ${o.tracker}` || block.length !== 5)
		throw new Error(`the shipped ACL's tracker block has changed: ${block.join(' | ')}`);
	return [
		text,
		...block,
		`user ${o.team}`,
		`topic write eoc/v1/resources/${o.teamResource}/status`,
		`topic read eoc/v1/resources/${o.teamResource}/tasking`,
		''
	].join('\n');
}
