import { describe, expect, it } from 'vitest';
import { makeAlarm } from '$lib/wall/state/alarm-fixtures';
import { ALARM_HEX, rgba } from '../palette';
import { alarmColour, alarmLayers, alarmPulseLayer, placedAlarms, pulsingAlarms } from './alarms';
import { wallLayers } from './index';

const ui = { now: 0, zoom: 11 };

describe('alarm layers', () => {
	it('colours danger red and warning amber', () => {
		expect(alarmColour({ level: 'danger' })).toEqual(rgba(ALARM_HEX.danger));
		expect(alarmColour({ level: 'warning' })).toEqual(rgba(ALARM_HEX.warning));
	});

	it('places active alarms with a position; pulses the unacknowledged', () => {
		const rows = [
			makeAlarm({ id: 'a' }),
			makeAlarm({ id: 'b', lat: null, lon: null }),
			makeAlarm({ id: 'c', clearedAt: '2026-12-07T09:10:00Z' }),
			makeAlarm({ id: 'd', acknowledgedAt: '2026-12-07T09:10:00Z' })
		];
		const placed = placedAlarms(rows);
		expect(placed.map((a) => a.id)).toEqual(['a', 'd']);
		expect(pulsingAlarms(placed).map((a) => a.id)).toEqual(['a']);
	});

	it('gives a map its rings, a double one for danger only', () => {
		const [rings, outer] = alarmLayers(
			[makeAlarm({ id: 'a' }), makeAlarm({ id: 'b', level: 'warning' })],
			ui
		);
		expect(rings.props.data).toHaveLength(2);
		expect(outer.props.data).toHaveLength(1);
	});

	it('pulses by uniforms: the ring grows and fades over a period', () => {
		const rows = placedAlarms([makeAlarm()]);
		const start = alarmPulseLayer(rows, ui, 0);
		const later = alarmPulseLayer(rows, ui, 800);
		expect(later.props.radiusScale).toBeGreaterThan(start.props.radiusScale);
		expect(later.props.opacity).toBeLessThan(start.props.opacity);
	});

	it('is drawn on the wall map, and animates while one is unacknowledged', () => {
		const base = { teams: [], incidents: [], sensors: [], hazards: [], shelters: [] };
		const none = wallLayers(base, ui);
		expect(none.animate).toBeNull();
		const set = wallLayers({ ...base, alarms: [makeAlarm()] }, ui);
		const ids = set.layers.map((l) => l.id);
		expect(ids).toContain('alarms');
		expect(set.animate?.(0).map((l) => l.id)).toEqual(['alarm-pulse']);
		const acked = wallLayers(
			{ ...base, alarms: [makeAlarm({ acknowledgedAt: '2026-12-07T09:10:00Z' })] },
			ui
		);
		expect(acked.animate).toBeNull();
	});
});
