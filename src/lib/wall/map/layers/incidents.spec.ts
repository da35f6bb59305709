import { describe, expect, it } from 'vitest';
import { INCIDENT_TYPES } from '$lib/contracts/incidents';
import { makeIncident } from '$lib/live/fixtures';
import { rgba } from '../palette';
import {
	INCIDENT_RADIUS_MAX_PX,
	INCIDENT_RADIUS_MIN_PX,
	incidentFill,
	incidentRadius,
	incidentIcon,
	incidentPulseLayer,
	incidentSeverityLayer,
	incidentsLayer,
	PULSE_PERIOD_MS,
	pulsePhase,
	severityColour,
	unacknowledged
} from './incidents';
import { ICON_MAPPING } from '../icons';

describe('severity colour (Okabe–Ito, docs/design.md)', () => {
	it('maps 1–5 to the design colours', () => {
		expect([1, 2, 3, 4, 5].map((s) => severityColour(s))).toEqual([
			rgba('#56B4E9'),
			rgba('#F0E442'),
			rgba('#E69F00'),
			rgba('#D55E00'),
			rgba('#CC79A7')
		]);
	});

	it('clamps and rounds values outside 1–5 instead of failing', () => {
		expect(severityColour(9)).toEqual(severityColour(5));
		expect(severityColour(0)).toEqual(severityColour(1));
		expect(severityColour(Number.NaN)).toEqual(severityColour(1));
		expect(severityColour(3.6)).toEqual(severityColour(4));
	});

	it('draws contained incidents fainter than open ones', () => {
		expect(incidentFill(makeIncident({ status: 'open' }))[3]).toBe(255);
		expect(incidentFill(makeIncident({ status: 'contained' }))[3]).toBeLessThan(255);
	});
});

describe('incident radius', () => {
	it('grows with people affected, within bounds', () => {
		expect(incidentRadius(0)).toBe(INCIDENT_RADIUS_MIN_PX);
		expect(incidentRadius(100)).toBeGreaterThan(incidentRadius(10));
		expect(incidentRadius(1_000_000)).toBe(INCIDENT_RADIUS_MAX_PX);
		expect(incidentRadius(-5)).toBe(INCIDENT_RADIUS_MIN_PX);
	});
});

describe('incident glyphs', () => {
	it('has one per type in the atlas, as a mask, and falls back to other', () => {
		for (const type of INCIDENT_TYPES) {
			const icon = incidentIcon(makeIncident({ type }));
			expect(icon).toBe(`incident-${type}`);
			expect(ICON_MAPPING[icon].mask).toBe(true);
		}
		expect(incidentIcon(makeIncident({ type: 'meteor' as 'other' }))).toBe('incident-other');
	});

	it('pulse goes 0 → 1 over a period and starts again', () => {
		expect(pulsePhase(0)).toBe(0);
		expect(pulsePhase(PULSE_PERIOD_MS / 4)).toBeCloseTo(0.25);
		expect(pulsePhase(PULSE_PERIOD_MS * 3 + 1)).toBeCloseTo(1 / PULSE_PERIOD_MS);
		const rows = [makeIncident({ acknowledged: false }), makeIncident({ id: 'b' })];
		expect(unacknowledged(rows).map((i) => i.id)).toEqual(['inc-1']);
		const ring = incidentPulseLayer(unacknowledged(rows), { now: 0, zoom: 11, scale: 2 }, 0);
		expect(ring.props.radiusScale).toBe(2);
		expect(ring.props.opacity).toBe(1);
	});
});

describe('incident layers', () => {
	it('have stable ids and show the severity number', () => {
		const rows = [makeIncident({ severity: 5 })];
		expect(incidentsLayer(rows, { now: 0, zoom: 11 }).id).toBe('incidents');
		const numbers = incidentSeverityLayer(rows, { now: 0, zoom: 11 });
		expect(numbers.id).toBe('incident-severity');
		const getText = numbers.props.getText as (i: (typeof rows)[number]) => string;
		expect(getText(rows[0])).toBe('5');
		// Readable from 5 m: at least 18 px, and twice that at scale 2.
		expect(numbers.props.getSize).toBeGreaterThanOrEqual(18);
		expect(incidentSeverityLayer(rows, { now: 0, zoom: 11, scale: 2 }).props.getSize).toBe(
			2 * (numbers.props.getSize as number)
		);
	});
});
