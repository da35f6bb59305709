import { describe, expect, it } from 'vitest';
import {
	makeHazard,
	makeIncident,
	makeSensor,
	makeShelter,
	makeTeam,
	T0
} from '$lib/live/fixtures';
import { LEVEL_HEX, rgba, SHELTER_HEX } from '../palette';
import { hazardFill, hazardFeatures, hazardsLayer } from './hazards';
import { wallLayers } from './index';
import { placedSensors, SENSOR_STALE_AFTER_MS, sensorColour, sensorLevel } from './sensors';
import { shelterColour, shelterFill } from './shelters';

const t0 = Date.parse(T0);

describe('sensors', () => {
	it('compare the last value with the thresholds', () => {
		expect(sensorLevel(makeSensor({ lastValue: 100 }), t0)).toBe('normal');
		expect(sensorLevel(makeSensor({ lastValue: 150 }), t0)).toBe('warning');
		expect(sensorLevel(makeSensor({ lastValue: 212 }), t0)).toBe('danger');
		expect(sensorColour(makeSensor({ lastValue: 212 }), t0)).toEqual(rgba(LEVEL_HEX.danger));
	});

	it('say unknown when silent for too long or never read', () => {
		expect(sensorLevel(makeSensor(), t0 + SENSOR_STALE_AFTER_MS + 1)).toBe('unknown');
		expect(sensorLevel(makeSensor({ lastValue: null, lastTs: null }), t0)).toBe('unknown');
	});

	it('work without thresholds, and are drawn only with a position', () => {
		expect(sensorLevel(makeSensor({ warning: null, danger: null, lastValue: 9e9 }), t0)).toBe(
			'normal'
		);
		expect(placedSensors([makeSensor({ lat: null }), makeSensor({ id: 'b' })])).toHaveLength(1);
	});
});

describe('shelters', () => {
	it('colour by occupancy', () => {
		expect(shelterFill(makeShelter({ capacity: 400, occupancy: 100 }))).toBe('ok');
		expect(shelterFill(makeShelter({ capacity: 400, occupancy: 320 }))).toBe('filling');
		expect(shelterFill(makeShelter({ capacity: 400, occupancy: 400 }))).toBe('full');
		expect(shelterFill(makeShelter({ capacity: 0, occupancy: 0 }))).toBe('full');
		expect(shelterColour(makeShelter({ occupancy: 500 }))).toEqual(rgba(SHELTER_HEX.full));
	});
});

describe('hazards', () => {
	it('are translucent and carry their view as feature properties', () => {
		expect(hazardFill('mudflow')[3]).toBeLessThan(255);
		expect(hazardFill('something-new')[3]).toBeLessThan(255);
		const [f] = hazardFeatures([makeHazard()]);
		expect(f.properties.id).toBe('hz-1');
		expect(f.geometry.type).toBe('Polygon');
	});

	it('keep the same data object while the rows are the same array', () => {
		const rows = [makeHazard()];
		expect(hazardsLayer(rows, { now: 0, zoom: 11 }).props.data).toBe(
			hazardsLayer(rows, { now: 1, zoom: 11 }).props.data
		);
	});
});

describe('wallLayers', () => {
	it('returns every layer once, with unique ids, teams on top', () => {
		const layers = wallLayers(
			{
				teams: [makeTeam()],
				incidents: [makeIncident()],
				sensors: [makeSensor()],
				hazards: [makeHazard()],
				shelters: [makeShelter()]
			},
			{ now: t0, zoom: 11 }
		);
		const ids = layers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.indexOf('hazards')).toBeLessThan(ids.indexOf('incidents'));
		expect(ids.at(-1)).toBe('team-labels');
	});
});
