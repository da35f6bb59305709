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
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { DEPTH_RAMP, hazardFill, hazardFeatures, hazardLabelText, hazardsLayer } from './hazards';
import { PULSE_PERIOD_MS } from './incidents';
import { wallLayers } from './index';
import {
	placedSensors,
	SENSOR_STALE_AFTER_MS,
	sensorColour,
	sensorIcon,
	sensorLevel
} from './sensors';
import { shelterColour, shelterFill, shelterLabelCandidates, SHELTER_LABEL_PX } from './shelters';

const t0 = Date.parse(T0);

describe('sensors', () => {
	it('compare the last value with the thresholds', () => {
		expect(sensorLevel(makeSensor({ lastValue: 100 }), t0)).toBe('normal');
		expect(sensorLevel(makeSensor({ lastValue: 150 }), t0)).toBe('warning');
		expect(sensorLevel(makeSensor({ lastValue: 212 }), t0)).toBe('danger');
		expect(sensorColour(makeSensor({ lastValue: 212 }), t0)).toEqual(rgba(LEVEL_HEX.danger));
		// Shape as well as colour.
		expect(sensorIcon(makeSensor({ lastValue: 212 }), t0)).toBe('sensor-danger');
		expect(sensorIcon(makeSensor({ lastValue: 150 }), t0)).toBe('sensor-warning');
		expect(sensorIcon(makeSensor({ lastValue: 100 }), t0)).toBe('sensor-normal');
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

	it('are labelled with occupancy against capacity', () => {
		const [label] = shelterLabelCandidates([makeShelter({ occupancy: 312, capacity: 400 })], 2);
		expect(label.text).toBe('312/400');
		expect(label.size).toBe(SHELTER_LABEL_PX * 2);
	});
});

describe('hazards', () => {
	it('are translucent, darker and more opaque the deeper, and carry their view', () => {
		expect(hazardFill('mudflow')[3]).toBeLessThan(255);
		expect(hazardFill('something-new', 9)[3]).toBeLessThan(255);
		const shallow = hazardFill('mudflow', 0.3);
		const deep = hazardFill('mudflow', 2.5);
		const lightness = (c: number[]) => c[0] + c[1] + c[2];
		expect(lightness(deep)).toBeLessThan(lightness(shallow));
		expect(deep[3]).toBeGreaterThan(shallow[3]);
		expect(hazardFill('mudflow', 2)).toEqual(rgba(DEPTH_RAMP[2][1], 150));
		expect(hazardFill('flood', 0.3)).not.toEqual(shallow);
		expect(hazardLabelText(makeHazard({ kind: 'debris_flow', depthM: 2.14 }))).toBe(
			'debris flow · 2.1 m'
		);
		expect(hazardLabelText(makeHazard({ kind: 'flood', depthM: null }))).toBe('Flood');
		expect(hazardLabelText(makeHazard({ kind: 'constructor', depthM: null }))).toBe('constructor');
		// On a Russian or Tajik screen, the kind and the unit in its language.
		const screen = getLocale();
		try {
			overwriteGetLocale(() => 'ru');
			expect(hazardLabelText(makeHazard({ kind: 'mudflow', depthM: 0.1 }))).toBe('Сель · 0,1 м');
			overwriteGetLocale(() => 'tg');
			expect(hazardLabelText(makeHazard({ kind: 'mudflow', depthM: 1.25 }))).toBe('Селоб · 1,3 м');
		} finally {
			overwriteGetLocale(() => screen);
		}
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
		const ids = layers.layers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.indexOf('hazards')).toBeLessThan(ids.indexOf('incidents'));
		expect(ids.indexOf('team-trails')).toBeLessThan(ids.indexOf('teams'));
		expect(ids.at(-1)).toBe('team-labels');
		// Nothing unacknowledged: nothing animates.
		expect(layers.animate).toBeNull();
	});

	it('pulses only the unacknowledged incidents, with uniforms only', () => {
		const rows = {
			teams: [],
			incidents: [makeIncident(), makeIncident({ id: 'new', acknowledged: false })],
			sensors: [],
			hazards: [],
			shelters: []
		};
		const set = wallLayers(rows, { now: t0, zoom: 11 });
		const [a] = set.animate!(0);
		const [b] = set.animate!(PULSE_PERIOD_MS / 2);
		expect(a.id).toBe('incident-pulse');
		expect((a.props.data as { id: string }[]).map((i) => i.id)).toEqual(['new']);
		// The same data array frame after frame: deck.gl recomputes no attribute.
		expect(b.props.data).toBe(a.props.data);
		expect(b.props.updateTriggers).toEqual(a.props.updateTriggers);
		expect(b.props.opacity).toBeLessThan(a.props.opacity);
		const scaleOf = (l: typeof a) => (l.props as unknown as { radiusScale: number }).radiusScale;
		expect(scaleOf(b)).toBeGreaterThan(scaleOf(a));
	});

	it("takes the stale limit from the EOC's settings", () => {
		const team = makeTeam({ positionTs: T0, statusTs: T0 });
		const rows = { teams: [team], incidents: [], sensors: [], hazards: [], shelters: [] };
		const label = (staleAfterMin: number) => {
			const set = wallLayers(
				{ ...rows, settings: { staleAfterMin } },
				{ now: t0 + 6 * 60_000, zoom: 11 }
			);
			const layer = set.layers.find((l) => l.id === 'team-labels')!;
			return (layer.props.data as { text: string }[])[0].text;
		};
		expect(label(5)).toMatch(/^⚠/);
		expect(label(10)).not.toMatch(/⚠/);
	});
});
