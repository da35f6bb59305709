/** River and rain gauges: a small dot coloured by its last value against its thresholds. */
import { ScatterplotLayer } from '@deck.gl/layers';
import { parseTs } from '$lib/format';
import type { SensorView } from '$lib/live/types';
import { LEVEL_HEX, rgba, type Rgba } from '../palette';
import type { MapUi } from './common';

export const SENSOR_RADIUS_PX = 7;

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

export function placedSensors(rows: readonly SensorView[]): PlacedSensor[] {
	return rows.filter((s): s is PlacedSensor => s.lat !== null && s.lon !== null);
}

export function sensorsLayer(rows: readonly PlacedSensor[], ui: MapUi) {
	const levels = rows.map((s) => sensorLevel(s, ui.now)).join(',');
	return new ScatterplotLayer<PlacedSensor>({
		id: 'sensors',
		data: rows,
		getPosition: (s) => [s.lon, s.lat],
		// A ring in the level's colour: a gauge, not an incident (those are filled discs).
		getFillColor: [10, 16, 28, 255],
		getLineColor: (s) => sensorColour(s, ui.now),
		getRadius: SENSOR_RADIUS_PX,
		radiusUnits: 'pixels',
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: 3.5,
		updateTriggers: { getLineColor: levels }
	});
}
