import { describe, expect, it } from 'vitest';
import { makeAlert } from '$lib/live/fixtures';
import { activeAlerts } from '$lib/wall/state/alerts';
import { SEVERITY_HEX, rgba } from '../palette';
import {
	alertFeatures,
	alertLabels,
	alertLine,
	alertLineWidth,
	alertsLayer,
	alertLabelsLayer
} from './alerts';

const NOW = Date.parse('2026-05-07T03:00:00Z');
const geocodeOnly = makeAlert({
	id: 'geo',
	info: [{ ...makeAlert().info[0], area: [{ areaDesc: 'Khatlon', geometry: null }] }]
});

describe('alert layers', () => {
	const alerts = activeAlerts([makeAlert(), geocodeOnly], NOW, 'en');

	it('draws areas with a shape, and leaves geocode-only areas to the strip', () => {
		const features = alertFeatures(alerts);
		expect(features).toHaveLength(1);
		expect(features[0].properties).toMatchObject({ rank: 4, areaDesc: 'Kulob' });
	});

	it('severity is a colour, a line weight and a number in the label', () => {
		expect(alertLine(4)).toEqual(rgba(SEVERITY_HEX[4], 235));
		expect(alertLineWidth(5)).toBeGreaterThan(alertLineWidth(2));
		const [label] = alertLabels(alertFeatures(alerts));
		expect(label.text).toBe('⚠ 4 · Heavy rain and mudflow danger in Kulob');
		expect(label.lat).toBe(37.94); // the northern edge
	});

	it('has stable ids', () => {
		expect(alertsLayer(alerts, { now: NOW, zoom: 11 }).id).toBe('alerts');
		expect(alertLabelsLayer(alerts, { now: NOW, zoom: 11 }).id).toBe('alert-labels');
	});
});
