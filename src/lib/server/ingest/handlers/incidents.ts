import { reportIncidentId } from '$lib/contracts/incident-id';
import { writeReports, writeUpdates } from '../../entities/incident/write';
import type { Handler } from './types';

export { reportIncidentId };

/** Field reports become incidents in status `reported`, waiting for an operator. */
export const reports: Handler<'incident_report'> = (tx, messages, changes) =>
	writeReports(tx, changes, messages);

/** Updates go into the incident's history; the newest by ts sets its current fields. */
export const updates: Handler<'incident_update'> = (tx, messages, changes) =>
	writeUpdates(tx, changes, messages);
