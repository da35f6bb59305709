import { describe, expect, it } from 'vitest';
import { makeAlarm } from '$lib/wall/state/alarm-fixtures';
import { alarmSection } from './report-alarms';

describe("the after-action report's alarms", () => {
	it('measures first seen to acknowledged, oldest first, with the median', () => {
		const s = alarmSection([
			makeAlarm({
				id: 'b',
				firstSeen: '2026-12-07T09:10:00Z',
				acknowledgedAt: '2026-12-07T09:12:00Z',
				acknowledgedBy: 'Operator'
			}),
			makeAlarm({
				id: 'a',
				firstSeen: '2026-12-07T09:00:00Z',
				acknowledgedAt: '2026-12-07T09:00:30Z'
			}),
			makeAlarm({ id: 'c', firstSeen: '2026-12-07T09:20:00Z' }),
			makeAlarm({
				id: 'd',
				firstSeen: '2026-12-07T09:30:00Z',
				acknowledgedAt: '2026-12-07T09:31:00Z'
			})
		]);
		expect(s.lines.map((l) => [l.id, l.ackMs])).toEqual([
			['a', 30_000],
			['b', 120_000],
			['c', null],
			['d', 60_000]
		]);
		expect(s.acknowledged).toBe(3);
		expect(s.medianAckMs).toBe(60_000);
		expect(s.maxAckMs).toBe(120_000);
	});

	it('has no median when nothing was acknowledged', () => {
		expect(alarmSection([makeAlarm()]).medianAckMs).toBeNull();
		expect(alarmSection([]).lines).toEqual([]);
	});
});
