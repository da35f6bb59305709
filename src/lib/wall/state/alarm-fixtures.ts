/** An alarm for tests: a gauge over its danger line, unacknowledged, not cleared. */
import type { AlarmView } from '$lib/live/types';

export function makeAlarm(over: Partial<AlarmView> = {}): AlarmView {
	return {
		id: 'alarm-1',
		ruleId: 'rule-1',
		ruleName: 'River over danger',
		ruleKind: 'gauge_level',
		subjectKind: 'sensor',
		subjectId: 'gauge-1',
		subjectName: 'Kulob river gauge',
		subjectNames: null,
		level: 'danger',
		detail: { value: 3.2 },
		firstSeen: '2026-12-07T09:00:00.000Z',
		lastSeen: '2026-12-07T09:05:00.000Z',
		acknowledgedAt: null,
		acknowledgedBy: null,
		ackComment: null,
		clearedAt: null,
		escalateAt: null,
		lat: 37.91,
		lon: 69.78,
		exercise: null,
		...over
	};
}
