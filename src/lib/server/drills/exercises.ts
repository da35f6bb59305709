/**
 * Every exercise the EOC knows to be running from the exercise state topic, whoever runs it: a
 * drill of `npm run drill`, or of another app instance. The trainer console lists them beside the
 * drills of this process (registry.ts), which it controls; these it only shows. A drill publishes
 * its state every STATE_EVERY_MS while it runs: one silent for STALE_AFTER_MS (its terminal
 * closed, its broker gone) shows as "no news since" rather than running for ever.
 */
import { STATE_EVERY_MS } from '$sim';
import type { Queryable } from '../db/types';
import { readDelivered, readLiveExercises } from '../entities/exercise/read';

/** Two minutes: 24 state messages missed. */
export const STALE_AFTER_MS = 24 * STATE_EVERY_MS;

export interface ExternalExercise {
	id: string;
	name: string;
	scenario: string | null;
	status: 'running' | 'paused';
	/** The scenario clock of the newest state message (null when none was recorded). */
	scenarioSec: number | null;
	speed: number | null;
	scenarioStart: string | null;
	/** When the EOC received that state (ISO, UTC); null when it never recorded one. */
	stateAt: string | null;
	/** No state for longer than STALE_AFTER_MS: its clock may have stopped anywhere. */
	stale: boolean;
	delivered: { number: number; scenarioSec: number; message: string; deliveredAt: string }[];
}

const isoOf = (v: Date | string | null): string | null =>
	v === null ? null : new Date(v).toISOString();

type Row = Awaited<ReturnType<typeof readLiveExercises>>[number];
type Inject = Awaited<ReturnType<typeof readDelivered>>[number];

/** Rows to the console's list, at `now` (pure: the unit test gives the rows and the time). */
export function shapeExercises(rows: Row[], injects: Inject[], now: number): ExternalExercise[] {
	return rows.map((r) => {
		const stateAt = isoOf(r.state_at);
		return {
			id: r.id,
			name: r.name,
			scenario: r.scenario,
			status: r.status === 'paused' ? 'paused' : 'running',
			scenarioSec: r.clock?.scenarioSec ?? null,
			speed: r.clock?.speed ?? null,
			scenarioStart: r.clock?.scenarioStart ?? null,
			stateAt: stateAt ?? isoOf(r.started_at),
			stale: stateAt === null || now - Date.parse(stateAt) > STALE_AFTER_MS,
			delivered: injects
				.filter((i) => i.exercise === r.id)
				.map((i) => ({
					number: i.number,
					scenarioSec: i.scenario_sec,
					message: i.message,
					deliveredAt: new Date(i.delivered_at).toISOString()
				}))
		};
	});
}

/** The running exercises that this process does not run (`own`: the registry's ids). */
export async function externalExercises(
	q: Queryable,
	own: ReadonlySet<string>,
	now = Date.now()
): Promise<ExternalExercise[]> {
	const rows = (await readLiveExercises(q)).filter((r) => !own.has(r.id));
	const injects = rows.length
		? await readDelivered(
				q,
				rows.map((r) => r.id)
			)
		: [];
	return shapeExercises(rows, injects, now);
}
