/**
 * River and rain gauges: a symbol whose shape and colour both say the last value against its
 * thresholds (ring normal, triangle warning, diamond danger, dashed square unknown).
 */
import { IconLayer } from '@deck.gl/layers';
import { parseTs } from '$lib/format';
import type { SensorView } from '$lib/live/types';
import { ICON_ATLAS, ICON_MAPPING } from '../icons';
import { LEVEL_HEX, rgba, type Rgba } from '../palette';
import type { MapUi } from './common';

export const SENSOR_RADIUS_PX = 12;
export const SENSOR_ICON_PX = 26;

export type SensorLevel = keyof typeof LEVEL_HEX;

/** A gauge silent for this long says nothing about now. */
export const SENSOR_STALE_AFTER_MS = 30 * 60_000;

export type PlacedSensor = SensorView & { lat: number; lon: number };

export function sensorLevel(sensor: SensorView, now: number): SensorLevel {
	const ts = parseTs(sensor.lastTs);
	if (sensor.lastValue === null || ts === null || now - ts > SENSOR_STALE_AFTER_MS)
		return 'unknown';
	if (sensor.danger !== null && sensor.lastValue >= sensor.danger) return 'danger';
	if (sensor.warning !== null && sensor.lastValue >= sensor.warning) return 'warning';
	return 'normal';
}

export function sensorColour(sensor: SensorView, now: number): Rgba {
	return rgba(LEVEL_HEX[sensorLevel(sensor, now)]);
}

export function sensorIcon(sensor: SensorView, now: number): string {
	return `sensor-${sensorLevel(sensor, now)}`;
}

export function placedSensors(rows: readonly SensorView[]): PlacedSensor[] {
	return rows.filter((s): s is PlacedSensor => s.lat !== null && s.lon !== null);
}

export function sensorsLayer(rows: readonly PlacedSensor[], ui: MapUi) {
	const levels = rows.map((s) => sensorLevel(s, ui.now)).join(',');
	return new IconLayer<PlacedSensor>({
		id: 'sensors',
		data: rows,
		iconAtlas: ICON_ATLAS,
		iconMapping: ICON_MAPPING,
		getIcon: (s) => sensorIcon(s, ui.now),
		getPosition: (s) => [s.lon, s.lat],
		// Danger and warning a little larger: they are what the eye should find.
		getSize: (s) => SENSOR_ICON_PX * (sensorLevel(s, ui.now) === 'danger' ? 1.25 : 1),
		sizeUnits: 'pixels',
		sizeScale: ui.scale ?? 1,
		updateTriggers: { getIcon: levels, getSize: levels }
	});
}
