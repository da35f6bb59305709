import type { ParsedMessage } from '$lib/contracts';
import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { addChange, type ChangeSet } from '../../live/changes';
import { newestBy } from '../../ingest/handlers/types';

/**
 * Every write to a drill run's own rows (`exercise`, `exercise_inject`). The state write records
 * the exercise's change itself; delivered injects have no view (the after-action report reads
 * them), so they record none. Deleting what a drill produced is delete.ts.
 */

type Inject = Extract<ParsedMessage, { family: 'exercise_inject' }>;
type State = Extract<ParsedMessage, { family: 'exercise_state' }>;

/** Delivered injects, once each: a redelivery or a replay changes nothing. */
export async function writeInjects(tx: Queryable, messages: Inject[]) {
	await bulk(
		tx,
		(
			r
		) => `insert into exercise_inject (exercise, number, scenario_sec, type, from_actor, to_player,
			message, expected_action, expected_kind, objective, effects, delivered_at)
		select exercise, number, "scenarioSec", type, "from", "to", message, "expectedAction",
			"expectedKind", objective, effects, ts
		from ${r} as x(exercise text, number int, "scenarioSec" int, type text, "from" text, "to" text,
			message text, "expectedAction" text, "expectedKind" text, objective text, effects jsonb,
			ts timestamptz)
		on conflict (exercise, number) do nothing`,
		messages.map((m) => ({
			exercise: m.exerciseId,
			number: m.body.number,
			scenarioSec: m.body.scenarioSec,
			type: m.body.type,
			from: m.body.from,
			to: m.body.to,
			message: m.body.message,
			expectedAction: m.body.expectedAction ?? null,
			expectedKind: m.body.expectedKind,
			objective: m.body.objective ?? null,
			effects: m.body.effects,
			ts: m.ts
		}))
	);
}

/**
 * The exercise row follows its newest state: `running` sets when it started (kept across a pause),
 * `ended` when it ended, `reset` clears both. Every state message records the exercise's change.
 */
export async function writeStates(tx: Queryable, changes: ChangeSet, messages: State[]) {
	await bulk(
		tx,
		(r) => `insert into exercise (id, name, scenario, status, started_at, ended_at)
		select id, name, scenario, status, case when status = 'running' then ts end,
			case when status = 'ended' then ts end
		from ${r} as x(id text, name text, scenario text, status text, ts timestamptz)
		on conflict (id) do update set name = excluded.name, scenario = excluded.scenario,
			status = excluded.status,
			started_at = case when excluded.status = 'reset' then null
				else coalesce(exercise.started_at, excluded.started_at) end,
			ended_at = case when excluded.status = 'ended' then excluded.ended_at else null end`,
		newestBy(messages, (m) => m.exerciseId).map((m) => ({
			id: m.exerciseId,
			name: m.body.name,
			scenario: m.body.scenario,
			status: m.body.status,
			ts: m.ts
		}))
	);
	await writeClocks(
		tx,
		newestBy(messages, (m) => m.exerciseId)
	);
	for (const m of messages) addChange(changes, 'exercise', m.exerciseId);
}

/**
 * The scenario clock of each exercise's newest state (status, speed, scenario seconds, the
 * scenario's start, the message's time) and when the EOC received it, for the trainer console's
 * list of every running exercise (a drill of the command line's among them). Kept as a fact in
 * `meta` under `exercise-clock:<id>` (read.ts), guarded by the message's time so that a late
 * message never moves the clock back.
 */
async function writeClocks(tx: Queryable, newest: State[]) {
	await bulk(
		tx,
		(r) => `insert into meta (key, value, updated_at)
		select 'exercise-clock:' || id, jsonb_build_object('status', status, 'speed', speed,
			'scenarioSec', "scenarioSec", 'scenarioStart', "scenarioStart", 'ts', ts), now()
		from ${r} as x(id text, status text, speed float8, "scenarioSec" float8, "scenarioStart" text,
			ts text)
		on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
		where (meta.value->>'ts')::timestamptz <= (excluded.value->>'ts')::timestamptz`,
		newest.map((m) => ({
			id: m.exerciseId,
			status: m.body.status,
			speed: m.body.speed,
			scenarioSec: m.body.scenarioSec,
			scenarioStart: m.body.scenarioStart ?? null,
			ts: m.ts
		}))
	);
}
