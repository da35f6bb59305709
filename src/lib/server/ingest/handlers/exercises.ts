import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { deleteExerciseData } from '../../exercises/delete';
import { registerDrillSensors } from '../../entities/sensor/write';
import { registerDrillTeams } from '../../entities/team/write';
import { addChange } from '../../live/changes';
import { newestBy, type Handler, type Of } from './types';

/** Delivered injects, once each: a redelivery or a replay changes nothing. */
export const injects: Handler<'exercise_inject'> = async (tx, messages) => {
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
};

type State = Of<'exercise_state'>;

/** The drill's teams and gauges, registered as exercise rows (never taking over another row). */
async function registerRoster(tx: Queryable, m: State): Promise<void> {
	await registerDrillTeams(tx, m.exerciseId, m.body.teams ?? []);
	await registerDrillSensors(tx, m.exerciseId, m.body.sensors ?? []);
}

/**
 * The exercise row follows its newest state. A `reset` deletes every row the exercise produced
 * (in this transaction, after the other families of the batch are written, so nothing of it
 * survives), and the change tells walls to drop them.
 */
export const states: Handler<'exercise_state'> = async (tx, messages, changes) => {
	for (const m of messages) {
		if (m.body.status === 'reset') {
			await deleteExerciseData(tx, m.exerciseId);
		} else if (m.body.teams || m.body.sensors) {
			await registerRoster(tx, m);
		}
	}
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
	for (const m of messages) addChange(changes, 'exercise', m.exerciseId);
};
