import { iso } from '../db/bulk';
import { settingsViewSql } from '../settings/store';
import { alarmsById } from '../entities/alarm/view';
import { exercisesById } from '../entities/exercise/view';
import { hazardsById } from '../entities/hazard/view';
import { incidentsById } from '../entities/incident/view';
import { sensorsById } from '../entities/sensor/view';
import { teamsById } from '../entities/team/view';
import { outboxProgressById } from '../messaging/outbox/progress-view';
import {
	requestsById,
	resourceKindsById,
	resourcesById,
	stockById
} from '../entities/resource/view';

/**
 * The JSON views of src/lib/live/types.ts that belong to no entity module (an entity's own view
 * is in entities/<name>/view.ts), built in SQL so that the snapshot, the JSON reads and the change
 * log all send exactly the same shape. Each takes the table alias it reads from.
 */
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
	| 'exercise'
	| 'alarm'
	| 'resource'
	| 'resourceKind'
	| 'stock'
	| 'request'
	| 'removed'
	| 'outbox';

/** SQL selecting (entity_id, data) for the given ids ($1 is a text[] of ids). */
export const viewsById: Record<ViewKind, string> = {
	team: teamsById,
	incident: incidentsById,
	sensor: sensorsById,
	hazard: hazardsById,
	shelter: `select s.id as entity_id, ${shelterView()} as data from shelter s where s.id = any($1::text[])`,
	// one row whatever the ids: the settings are a single entity
	settings: `select * from (${settingsViewSql}) v where cardinality($1::text[]) > 0`,
	logEntry: `select l.id::text as entity_id, ${logEntryView()} as data from log_entry l
		where l.id::text = any($1::text[]) and ${verifiedEvents}`,
	alert: `select a.id as entity_id, ${alertView()} as data from alert a where a.id = any($1::text[])`,
	exercise: exercisesById,
	alarm: alarmsById,
	resource: resourcesById,
	resourceKind: resourceKindsById,
	stock: stockById,
	request: requestsById,
	outbox: outboxProgressById,
	// The ids are `kind:id` (removedId): no row to read, the change says what went.
	removed: `select x as entity_id, json_build_object('kind', split_part(x, ':', 1),
		'id', substr(x, strpos(x, ':') + 1)) as data from unnest($1::text[]) x`
};
