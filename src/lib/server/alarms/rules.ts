import { randomBytes } from 'node:crypto';
import {
	alarmRuleSchema,
	type AlarmRuleInput,
	type AlarmRuleSpec
} from '$lib/contracts/alarm-rule';
import { audit } from '../auth/audit';
import type { Database, Queryable } from '../db/types';

/**
 * The alarm rules store: what an admin edits (REST /api/v1/alarm-rules, the admin screen). Every
 * rule is validated with the contract's zod schema before it is written; a save or delete is
 * audited in the same transaction. The engine reloads the rules after each change (`onRulesChanged`).
 */

export interface StoredRule {
	id: string;
	name: string;
	kind: AlarmRuleSpec['kind'];
	params: Record<string, unknown>;
	level: 'warning' | 'danger';
	enabled: boolean;
	escalateAfterS: number | null;
	createdBy: string | null;
	updatedAt: string;
	createdAt: string;
}

export type SaveResult =
	{ ok: true; id: string } | { ok: false; problem: string; field?: string; detail?: string };

const listeners = new Set<() => void>();
/** Called after a rule is saved or deleted (the engine reloads). Returns the unsubscribe. */
export function onRulesChanged(fn: () => void): () => void {
	listeners.add(fn);
	return () => listeners.delete(fn);
}
const changed = () => listeners.forEach((fn) => fn());

const SELECT = `select id, name, kind, params, level, enabled, escalate_after_s as "escalateAfterS",
	created_by as "createdBy",
	to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt",
	to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
	from alarm_rule`;

/** Every rule, by name. */
export function listRules(q: Queryable): Promise<StoredRule[]> {
	return q.query<StoredRule>(`${SELECT} order by name, id`);
}

/** One rule, or null. */
export async function getRule(q: Queryable, id: string): Promise<StoredRule | null> {
	const rows = await q.query<StoredRule>(`${SELECT} where id = $1`, [id]);
	return rows[0] ?? null;
}

/** The rule as it parses, or the first problem with its field path (`params.threshold`). */
export function parseRule(
	input: unknown
):
	| { ok: true; rule: AlarmRuleSpec }
	| { ok: false; problem: string; field?: string; detail?: string } {
	const r = alarmRuleSchema.safeParse(input);
	if (r.success) return { ok: true, rule: r.data };
	const issue = r.error.issues[0];
	const field = issue?.path.map(String).join('.') || undefined;
	return {
		ok: false,
		problem: 'invalid_rule',
		field,
		detail: field ? `${field}: ${issue.message}` : (issue?.message ?? 'invalid rule')
	};
}

const newId = () => `rule-${randomBytes(6).toString('hex')}`;

async function tx<T>(q: Database | Queryable, fn: (t: Queryable) => Promise<T>): Promise<T> {
	return 'transaction' in q ? (q as Database).transaction(fn) : fn(q);
}

/**
 * Creates (`id` null) or replaces a rule. A rule that does not parse is refused, naming the field;
 * an unknown id is refused as `not_found`. Audited as `alarm-rule-create` / `alarm-rule-update`.
 */
export async function saveRule(
	q: Database | Queryable,
	id: string | null,
	input: unknown,
	actorId: string,
	address: string | null = null
): Promise<SaveResult> {
	const parsed = parseRule(input);
	if (!parsed.ok) {
		// A refused rule is recorded too: who tried what, and why it was refused.
		await audit(q, {
			actor: actorId,
			action: 'alarm-rule-refused',
			target: id,
			detail: { field: parsed.field ?? null, detail: parsed.detail ?? null },
			address
		});
		return parsed;
	}
	const rule = parsed.rule;
	const result = await tx(q, async (t): Promise<SaveResult> => {
		const values = [
			rule.name,
			rule.kind,
			JSON.stringify(rule.params),
			rule.level,
			rule.enabled,
			rule.escalateAfterS
		];
		let before: StoredRule | null = null;
		let ruleId: string;
		if (id === null) {
			ruleId = newId();
			await t.query(
				`insert into alarm_rule (id, name, kind, params, level, enabled, escalate_after_s, created_by)
				values ($7, $1, $2, ($3::text)::jsonb, $4, $5, $6, $8)`,
				[...values, ruleId, actorId]
			);
		} else {
			before = await getRule(t, id);
			if (!before) return { ok: false, problem: 'not_found' };
			ruleId = id;
			await t.query(
				`update alarm_rule set name = $1, kind = $2, params = ($3::text)::jsonb, level = $4,
					enabled = $5, escalate_after_s = $6, updated_at = now() where id = $7`,
				[...values, ruleId]
			);
		}
		await audit(t, {
			actor: actorId,
			action: before ? 'alarm-rule-update' : 'alarm-rule-create',
			target: ruleId,
			detail: before
				? { old: ruleBody(before), new: rule }
				: { new: rule as unknown as Record<string, unknown> },
			address
		});
		return { ok: true, id: ruleId };
	});
	if (result.ok) changed();
	return result;
}

/** Deletes a rule; false when there is none. Its open alarms stay until the engine clears them. */
export async function deleteRule(
	q: Database | Queryable,
	id: string,
	actorId: string,
	address: string | null = null
): Promise<boolean> {
	const done = await tx(q, async (t) => {
		const before = await getRule(t, id);
		if (!before) return false;
		await t.query(`delete from alarm_rule where id = $1`, [id]);
		await audit(t, {
			actor: actorId,
			action: 'alarm-rule-delete',
			target: id,
			detail: { old: ruleBody(before) },
			address
		});
		return true;
	});
	if (done) changed();
	return done;
}

const ruleBody = (r: StoredRule) => ({
	name: r.name,
	kind: r.kind,
	params: r.params,
	level: r.level,
	enabled: r.enabled,
	escalateAfterS: r.escalateAfterS
});

/** The rules an EOC starts with (issue #14); written only while the table is empty. */
export const DEFAULT_RULES: (AlarmRuleInput & { id: string })[] = [
	{
		id: 'default-gauge-danger',
		name: 'Gauge above danger',
		kind: 'gauge_level',
		level: 'danger',
		params: { sensor: null, threshold: 'danger', hysteresis: 10 },
		escalateAfterS: 300
	},
	{
		id: 'default-gauge-warning',
		name: 'Gauge above warning',
		kind: 'gauge_level',
		level: 'warning',
		params: { sensor: null, threshold: 'warning', hysteresis: 10 }
	},
	{
		id: 'default-team-silent',
		name: 'Team silent 15 min',
		kind: 'team_silent',
		level: 'warning',
		params: { afterMinutes: 15 }
	},
	{
		id: 'default-team-emergency',
		name: 'Team emergency',
		kind: 'team_emergency',
		level: 'danger',
		params: {},
		escalateAfterS: 60
	},
	{
		id: 'default-incident-unassigned',
		name: 'Severe incident unassigned 10 min',
		kind: 'incident_unassigned',
		level: 'danger',
		params: { minSeverity: 4, afterMinutes: 10 }
	},
	{
		id: 'default-report-waiting',
		name: 'Field report waiting 10 min',
		kind: 'report_waiting',
		level: 'warning',
		params: { afterMinutes: 10 }
	},
	{
		id: 'default-hazard-reaches',
		name: 'Hazard reaches a shelter, school or place',
		kind: 'hazard_reaches',
		level: 'danger',
		params: { targets: ['shelter', 'school', 'place'], bufferM: 0 }
	},
	{
		id: 'default-stock-below',
		name: 'Stock below minimum',
		kind: 'stock_below',
		level: 'warning',
		params: { resourceKind: null, store: null }
	}
];

/**
 * Defaults added after a database may have been seeded (issue #15): each group is written once
 * into such a database too, under its own `meta` marker, unless a rule of its id is there. An EOC
 * that deletes one later does not get it back, as with the first defaults.
 */
const ADDED_DEFAULTS: { marker: string; ids: string[] }[] = [
	{ marker: 'alarm-rules-seeded-stock', ids: ['default-stock-below'] }
];

async function insertDefault(t: Queryable, { id, ...input }: (typeof DEFAULT_RULES)[number]) {
	const r = alarmRuleSchema.parse(input);
	const rows = await t.query(
		`insert into alarm_rule (id, name, kind, params, level, enabled, escalate_after_s, created_by)
		values ($1, $2, $3, ($4::text)::jsonb, $5, $6, $7, 'system') on conflict (id) do nothing
		returning id`,
		[id, r.name, r.kind, JSON.stringify(r.params), r.level, r.enabled, r.escalateAfterS]
	);
	return rows.length;
}

const mark = async (t: Queryable, key: string) =>
	(
		await t.query(
			`insert into meta (key, value, updated_at) values ($1, 'true'::jsonb, now())
			on conflict (key) do nothing returning key`,
			[key]
		)
	).length > 0;

/**
 * Writes the default rules once in the database's life (first start, demo seed): a `meta` marker
 * remembers it, so an EOC that deleted every default rule does not get them back on the next
 * start; a default added later (ADDED_DEFAULTS) is written once into a database seeded before it.
 * Returns how many were written. Two instances starting at once: the lock makes the second see
 * the first's markers.
 */
export async function seedDefaultRules(db: Database): Promise<number> {
	return db.transaction(async (t) => {
		await t.query(`select pg_advisory_xact_lock(hashtext('alarm-rule-seed'))`);
		let written = 0;
		if (await mark(t, 'alarm-rules-seeded')) {
			const [{ n }] = await t.query<{ n: number }>(`select count(*)::int as n from alarm_rule`);
			if (n === 0) for (const rule of DEFAULT_RULES) written += await insertDefault(t, rule);
		}
		for (const added of ADDED_DEFAULTS)
			if (await mark(t, added.marker))
				for (const rule of DEFAULT_RULES.filter((r) => added.ids.includes(r.id)))
					written += await insertDefault(t, rule);
		return written;
	});
}
