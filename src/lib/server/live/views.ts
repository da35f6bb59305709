import { iso } from '../db/bulk';
import { settingsViewSql } from '../settings';
import { teamView as teamEntityView } from '../entities/team/view';
import { incidentView as incidentEntityView } from '../entities/incident/view';
import { hazardView as hazardEntityView, latestHazards } from '../entities/hazard/view';
import { exerciseView as exerciseEntityView } from '../entities/exercise/view';

/**
 * The JSON views of src/lib/live/types.ts, built in SQL so that the snapshot, the JSON reads and
 * the change log all send exactly the same shape. Each takes the table alias it reads from.
 */
export const teamView = (t = 't') => teamEntityView.sql(t);

export const incidentView = (i = 'i') => incidentEntityView.sql(i);

export const sensorView = (s = 's') => `json_build_object(
	'id', ${s}.id, 'kind', ${s}.kind, 'name', ${s}.name, 'unit', ${s}.unit,
	'lat', ${s}.lat, 'lon', ${s}.lon, 'warning', ${s}.warning, 'danger', ${s}.danger,
	'lastValue', ${s}.last_value, 'lastTs', ${iso(`${s}.last_ts`)},
	'exercise', ${s}.exercise, 'demo', ${s}.demo)`;

export const hazardView = (h = 'h') => hazardEntityView.sql(h);

export const shelterView = (s = 's') => `json_build_object(
	'id', ${s}.id, 'name', ${s}.name, 'lat', ${s}.lat, 'lon', ${s}.lon,
	'capacity', ${s}.capacity, 'occupancy', ${s}.occupancy, 'demo', ${s}.demo)`;

export const logEntryView = (l = 'l') => `json_build_object(
	'id', ${l}.id::text, 'ts', ${iso(`${l}.ts`)}, 'text', ${l}.text, 'incidentId', ${l}.incident_id,
	'author', ${l}.author, 'verifiedAt', ${iso(`${l}.verified_at`)},
	'exercise', ${l}.exercise, 'demo', ${l}.demo)`;

/** Shown on a wall: real (or a drill's) alerts and updates that nothing has replaced. */
export const alertShown = (a = 'a') => `((${a}.status = 'Actual' or (${a}.status = 'Exercise'
	and ${a}.exercise is not null)) and ${a}.msg_type in ('Alert', 'Update')
	and ${a}.superseded_by is null)`;

export const alertView = (a = 'a') => `json_build_object(
	'id', ${a}.id, 'sender', ${a}.sender, 'identifier', ${a}.identifier,
	'sent', ${iso(`${a}.sent`)}, 'status', ${a}.status, 'msgType', ${a}.msg_type,
	'expiresAt', ${iso(`${a}.expires_at`)}, 'supersededBy', ${a}.superseded_by,
	'shown', ${alertShown(a)}, 'origin', ${a}.origin, 'exercise', ${a}.exercise,
	'info', ${a}.doc->'info')`;

export const exerciseView = (e = 'e') => exerciseEntityView.sql(e);

/** Only verified significant entries ever reach a wall. */
export const verifiedEvents = `significant and verified_at is not null`;

export type ViewKind =
	| 'team'
	| 'incident'
	| 'sensor'
	| 'hazard'
	| 'shelter'
	| 'settings'
	| 'logEntry'
	| 'alert'
	| 'exercise';

/** SQL selecting (entity_id, data) for the given ids ($1 is a text[] of ids). */
export const viewsById: Record<ViewKind, string> = {
	team: `select t.id as entity_id, ${teamView()} as data from team t where t.id = any($1::text[])`,
	incident: `select i.id as entity_id, ${incidentView()} as data from incident i where i.id = any($1::text[])`,
	sensor: `select s.id as entity_id, ${sensorView()} as data from sensor s where s.id = any($1::text[])`,
	hazard: `select h.hazard_id as entity_id, ${hazardView()} as data from (${latestHazards}) h
		where h.hazard_id = any($1::text[])`,
	shelter: `select s.id as entity_id, ${shelterView()} as data from shelter s where s.id = any($1::text[])`,
	// one row whatever the ids: the settings are a single entity
	settings: `select * from (${settingsViewSql}) v where cardinality($1::text[]) > 0`,
	logEntry: `select l.id::text as entity_id, ${logEntryView()} as data from log_entry l
		where l.id::text = any($1::text[]) and ${verifiedEvents}`,
	alert: `select a.id as entity_id, ${alertView()} as data from alert a where a.id = any($1::text[])`,
	exercise: `select e.id as entity_id, ${exerciseView()} as data from exercise e where e.id = any($1::text[])`
};
