import type { IncidentStatus } from '$lib/live/types';
import { problemText } from '$lib/i18n/problem';
import { m } from '$lib/paraglide/messages';

/** An incident's status in the screen's language. */
export const INCIDENT_STATUS_WORD: Record<IncidentStatus, () => string> = {
	reported: m.incident_status_reported,
	open: m.incident_status_open,
	contained: m.incident_status_contained,
	closed: m.incident_status_closed
};

/** An incident event's kind in the screen's language (`report-merged` → event_report_merged). */
export function eventWord(kind: string): string {
	return problemText('event_' + kind.replace(/-/g, '_'));
}
