import type { Queryable } from '../../db/types';
import { deleteExerciseData } from '../../entities/exercise/delete';
import { writeInjects, writeStates } from '../../entities/exercise/write';
import { registerDrillSensors } from '../../entities/sensor/write';
import { registerDrillTeams } from '../../entities/team/write';
import type { Handler, Of } from './types';

/** Delivered injects, once each: a redelivery or a replay changes nothing. */
export const injects: Handler<'exercise_inject'> = (tx, messages) => writeInjects(tx, messages);

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
	await writeStates(tx, changes, messages);
};
