import type { Queryable } from '../../db/types';
import { recordNotMade } from '../../drills/not-made';
import { deleteExerciseData } from '../../entities/exercise/delete';
import { writeInjects, writeStates } from '../../entities/exercise/write';
import { createRequest, RequestError } from '../../entities/resource/requests';
import { registerDrillResources, registerDrillStores } from '../../entities/resource/roster';
import { registerDrillSensors } from '../../entities/sensor/write';
import { registerDrillTeams } from '../../entities/team/write';
import type { ChangeSet } from '../../live/changes';
import type { Handler, Of } from './types';

type Inject = Of<'exercise_inject'>;

/**
 * The resource requests an inject makes, in the drill's picture, as asked at the inject's
 * delivery by its requester. One made already (the id is the drill's: a replay) or one the EOC
 * refuses (a kind not on its list, an incident of another picture) is not made: the refusal is
 * recorded (drills/not-made.ts) and the after-action report lists the request with its reason.
 * Only a database error stops the batch.
 */
async function scriptedRequests(tx: Queryable, m: Inject, changes: ChangeSet): Promise<void> {
	for (const r of m.body.requests ?? [])
		await createRequest(
			tx,
			{
				id: r.id,
				kindId: r.kind,
				quantity: r.quantity,
				incidentId: r.incidentId ?? null,
				place: r.place ?? null,
				lat: r.lat ?? null,
				lon: r.lon ?? null,
				priority: r.priority,
				neededBy: r.neededBy ?? null,
				requesterKind: r.requesterKind,
				requester: r.requester,
				note: r.note ?? null,
				exercise: m.exerciseId,
				at: m.ts
			},
			`exercise:${m.exerciseId}`,
			changes
		).catch(async (err) => {
			if (!(err instanceof RequestError)) throw err;
			// A replay's request was made already; any other refusal is recorded for the report.
			if (err.problem !== 'req_exists')
				await recordNotMade(
					tx,
					m.exerciseId,
					{ id: r.id, kind: r.kind, inject: m.body.number },
					{ problem: err.problem, message: err.message }
				);
		});
}

/** Delivered injects, once each: a redelivery or a replay changes nothing. */
export const injects: Handler<'exercise_inject'> = async (tx, messages, changes) => {
	await writeInjects(tx, messages);
	for (const m of messages) await scriptedRequests(tx, m, changes);
};

type State = Of<'exercise_state'>;

/** The drill's teams, gauges, equipment and stores, registered as exercise rows (never taking over another row). */
async function registerRoster(tx: Queryable, m: State, changes: ChangeSet): Promise<void> {
	await registerDrillTeams(tx, m.exerciseId, m.body.teams ?? []);
	await registerDrillSensors(tx, m.exerciseId, m.body.sensors ?? []);
	await registerDrillResources(tx, m.exerciseId, m.body.resources ?? [], changes);
	await registerDrillStores(tx, m.exerciseId, m.body.stores ?? [], changes);
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
		} else if (m.body.teams || m.body.sensors || m.body.resources || m.body.stores) {
			await registerRoster(tx, m, changes);
		}
	}
	await writeStates(tx, changes, messages);
};
