import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { deleteExerciseData } from '../../entities/exercise/delete';
import { writeInjects, writeStates } from '../../entities/exercise/write';
import type { Handler, Of } from './types';

/** Delivered injects, once each: a redelivery or a replay changes nothing. */
export const injects: Handler<'exercise_inject'> = (tx, messages) => writeInjects(tx, messages);

type State = Of<'exercise_state'>;

/** The drill's teams and gauges, registered as exercise rows (never taking over another row). */
async function registerRoster(tx: Queryable, m: State): Promise<void> {
	await bulk(
		tx,
		(r) => `insert into team (id, callsign, kind, home_base, exercise)
		select id, callsign, kind, "homeBase", exercise from ${r}
			as x(id text, callsign text, kind text, "homeBase" text, exercise text)
		on conflict (id) do update set callsign = excluded.callsign, kind = excluded.kind,
			home_base = excluded.home_base
		where team.exercise = excluded.exercise`,
		(m.body.teams ?? []).map((t) => ({ ...t, exercise: m.exerciseId }))
	);
	await bulk(
		tx,
		(r) => `insert into sensor (id, kind, name, unit, lat, lon, warning, danger, exercise)
		select id, kind, name, unit, lat, lon, warning, danger, exercise from ${r}
			as x(id text, kind text, name text, unit text, lat float8, lon float8, warning float8,
			danger float8, exercise text)
		on conflict (id) do update set kind = excluded.kind, name = excluded.name,
			unit = coalesce(excluded.unit, sensor.unit), lat = excluded.lat, lon = excluded.lon,
			warning = excluded.warning, danger = excluded.danger
		where sensor.exercise = excluded.exercise`,
		(m.body.sensors ?? []).map((x) => ({ ...x, exercise: m.exerciseId }))
	);
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
	await writeStates(tx, changes, messages);
};
