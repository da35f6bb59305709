import type { Database } from '../db/types';
import { readExerciseRun, readInjects } from '../entities/exercise/read';
import type { InjectEffectRef } from '../db/schema/exercises';
import { reportIncidentId } from '../ingest/handlers/incidents';
import { alarmsOfExercise } from '../entities/alarm/read';
import { buildReport, type AfterActionReport, type OperatorAction } from './report';
import { alarmSection, type AlarmSection } from './report-alarms';
import { requestsOfExercise } from '../entities/resource/exercise-read';
import { readResourceKinds } from '../entities/resource/read';
import { notMadeNotes } from './not-made';
import { injectOfRequests, requestSection, type RequestSection } from './report-requests';
import { taskingSection, taskingsOfExercise, type TaskingSection } from './report-taskings';

/** The kinds of incident event the report weighs (console/incidents.ts writes them). */
const EVENT_KINDS = ['accepted', 'merged', 'rejected', 'acknowledged', 'assigned', 'updated'];

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * Reads one exercise's injects and what the operators did (incident history and verified log
 * entries, both written in the same transaction as the action's audit entry, so their times are
 * the audit log's), and builds the after-action report. Null when the exercise left no trace.
 */
export async function loadReport(
	db: Database,
	exercise: string,
	now = new Date()
): Promise<{
	name: string;
	report: AfterActionReport;
	alarms: AlarmSection;
	requests: RequestSection;
	/** The taskings sent to its teams and their answers (time to accept). */
	taskings: TaskingSection;
	/** The names by language of the kinds its requests ask for. */
	kindNames: Record<string, Record<string, string>>;
} | null> {
	const ex = await readExerciseRun(db, exercise);
	const injects = await readInjects(db, exercise);
	if (!ex && injects.length === 0) return null;
	const events = await db.query<{
		kind: string;
		incident_id: string;
		ts: Date | string;
		actor: string | null;
		into: string | null;
	}>(
		`select kind, incident_id, ts, actor, data->>'into' as into from incident_event
		where exercise = $1 and kind = any($2::text[])`,
		[exercise, EVENT_KINDS]
	);
	const verified = await db.query<{
		incident_id: string;
		verified_at: Date | string;
		verified_by: string | null;
	}>(
		`select incident_id, verified_at, verified_by from log_entry
		where exercise = $1 and significant and verified_at is not null and incident_id is not null`,
		[exercise]
	);
	const actions: OperatorAction[] = [
		...events.map((e) => ({
			kind: e.kind,
			incidentId: e.incident_id,
			at: date(e.ts),
			actor: e.actor,
			...(e.into ? { into: e.into } : {})
		})),
		...verified.map((v) => ({
			kind: 'verified',
			incidentId: v.incident_id,
			at: date(v.verified_at),
			actor: v.verified_by
		}))
	];
	const delivered = injects.map((i) => ({
		...i,
		number: Number(i.number),
		effects: json<InjectEffectRef[]>(i.effects)
	}));
	const report = buildReport({
		exercise,
		injects: delivered.map((i) => ({
			number: i.number,
			scenarioSec: Number(i.scenario_sec),
			type: i.type,
			fromActor: i.from_actor,
			toPlayer: i.to_player,
			message: i.message,
			expectedAction: i.expected_action,
			expectedKind: i.expected_kind,
			objective: i.objective,
			effects: i.effects,
			deliveredAt: date(i.delivered_at)
		})),
		actions,
		reportIncident: reportIncidentId,
		endedAt: ex?.ended_at ? date(ex.ended_at) : null,
		now
	});
	// The alarms the drill raised, and how long each took to acknowledge.
	const alarms = alarmSection(await alarmsOfExercise(db, exercise));
	// Its resource requests: from each to its assignment and its delivery.
	const requests = requestSection(
		await requestsOfExercise(db, exercise),
		injectOfRequests(delivered),
		report.end,
		await notMadeNotes(db, exercise)
	);
	const asked = new Set(requests.lines.map((l) => l.kindId));
	const kindNames = Object.fromEntries(
		(await readResourceKinds(db)).filter((k) => asked.has(k.id)).map((k) => [k.id, k.names])
	);
	const taskings = taskingSection(await taskingsOfExercise(db, exercise));
	return { name: ex?.name ?? exercise, report, alarms, requests, taskings, kindNames };
}
