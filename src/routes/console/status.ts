import type { IncidentStatus } from '$lib/live/types';
import { m } from '$lib/paraglide/messages';

/** An incident's status in the screen's language. */
export const INCIDENT_STATUS_WORD: Record<IncidentStatus, () => string> = {
	reported: m.incident_status_reported,
	open: m.incident_status_open,
	contained: m.incident_status_contained,
	closed: m.incident_status_closed
};
