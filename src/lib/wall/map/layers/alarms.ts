/**
 * Alarms on the map: a thick ring in the alarm's colour (danger red, warning amber) round its
 * subject (the gauge, the team, the incident), wider and double for danger so the colour is not
 * the only cue; an unacknowledged alarm's ring also pulses outwards. Shared by the wall and the
 * console map: give `alarmLayers` the alarms (cleared ones are left out here) and the MapUi, and
 * draw `alarmPulseLayer` per frame while `pulsingAlarms` is not empty. The pulse changes uniforms
 * only (radiusScale, opacity), so a frame costs no attribute update.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { AlarmView } from '$lib/live/types';
import { ALARM_HEX, rgba, type Rgba } from '../palette';
import { memoByRef, px, type MapUi } from './common';
import { PULSE_GROWTH, pulsePhase } from './incidents';

/** Outside an incident's largest disc (34 px) and a gauge's symbol, so the ring frames them. */
export const ALARM_RING_PX = 38;
export const ALARM_RING_WIDTH_PX = { danger: 6, warning: 4 } as const;

export type PlacedAlarm = AlarmView & { lat: number; lon: number };

export function alarmColour(alarm: Pick<AlarmView, 'level'>, alpha = 255): Rgba {
	return rgba(ALARM_HEX[alarm.level] ?? ALARM_HEX.warning, alpha);
}

/** Active alarms whose subject has a position. */
export function placedAlarms(rows: readonly AlarmView[]): PlacedAlarm[] {
	return rows.filter(
		(a): a is PlacedAlarm =>
			a.clearedAt === null && Number.isFinite(a.lat) && Number.isFinite(a.lon)
	);
}
export const placedAlarmsOf = memoByRef(placedAlarms);

/** Not yet acknowledged: these pulse. */
export function pulsingAlarms(rows: readonly PlacedAlarm[]): PlacedAlarm[] {
	return rows.filter((a) => a.acknowledgedAt === null);
}
export const pulsingAlarmsOf = memoByRef(pulsingAlarms);

const position = (a: PlacedAlarm): [number, number] => [a.lon, a.lat];

/** The steady rings: an acknowledged alarm's is fainter (still there until it clears). */
export function alarmsLayer(rows: readonly PlacedAlarm[], ui: MapUi) {
	return new ScatterplotLayer<PlacedAlarm>({
		id: 'alarms',
		data: rows,
		getPosition: position,
		getRadius: ALARM_RING_PX,
		radiusUnits: 'pixels',
		radiusScale: ui.scale ?? 1,
		filled: true,
		getFillColor: (a) => alarmColour(a, a.acknowledgedAt === null ? 60 : 25),
		stroked: true,
		getLineColor: (a) => alarmColour(a, a.acknowledgedAt === null ? 255 : 150),
		lineWidthUnits: 'pixels',
		getLineWidth: (a) => px(ui, ALARM_RING_WIDTH_PX[a.level] ?? ALARM_RING_WIDTH_PX.warning),
		updateTriggers: { getLineWidth: ui.scale ?? 1 }
	});
}

const dangerOf = memoByRef((rows: readonly PlacedAlarm[]) =>
	rows.filter((a) => a.level === 'danger')
);

/** A second, thin ring outside a danger alarm's: the shape says danger without the red. */
export function alarmOuterLayer(rows: readonly PlacedAlarm[], ui: MapUi) {
	return new ScatterplotLayer<PlacedAlarm>({
		id: 'alarms-outer',
		data: dangerOf(rows),
		getPosition: position,
		getRadius: ALARM_RING_PX + 9,
		radiusUnits: 'pixels',
		radiusScale: ui.scale ?? 1,
		filled: false,
		stroked: true,
		getLineColor: (a) => alarmColour(a, a.acknowledgedAt === null ? 255 : 150),
		lineWidthUnits: 'pixels',
		getLineWidth: px(ui, 2.5),
		updateTriggers: {}
	});
}

/** The rings for `alarms` (any, cleared ones left out): what a map draws under its symbols. */
export function alarmLayers(alarms: readonly AlarmView[], ui: MapUi) {
	const placed = placedAlarmsOf(alarms);
	return [alarmsLayer(placed, ui), alarmOuterLayer(placed, ui)];
}

/** The pulse at time `t` (ms) for `rows` (already the unacknowledged ones). */
export function alarmPulseLayer(rows: readonly PlacedAlarm[], ui: MapUi, t: number) {
	const phase = pulsePhase(t);
	return new ScatterplotLayer<PlacedAlarm>({
		id: 'alarm-pulse',
		data: rows,
		getPosition: position,
		getRadius: ALARM_RING_PX,
		getLineColor: (a) => alarmColour(a),
		radiusUnits: 'pixels',
		radiusScale: (ui.scale ?? 1) * (1 + (PULSE_GROWTH - 1) * phase),
		opacity: 1 - phase,
		filled: false,
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: px(ui, 5),
		updateTriggers: {}
	});
}
