import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { makeIncident, makeTeam } from '$lib/live/fixtures';
import type { IncidentView } from '$lib/live/types';
import { renderExport } from './exports';

const incident = (over: Partial<IncidentView> = {}) =>
	makeIncident({
		title: 'Сел дар кӯчаи Чормағзон, "поён", 2',
		description: '=HYPERLINK("http://evil.example")',
		lat: 37.9145,
		lon: 69.7846,
		casualties: { dead: 1, injured: 2, missing: 3, trapped: 0 },
		needs: ['water', 'tents'],
		...over
	});
const team = makeTeam({ lat: null, lon: null });

describe('exports', () => {
	it('writes GeoJSON with lon, lat order, and no geometry for a team never located', () => {
		const fc = JSON.parse(
			renderExport('incidents.geojson', { incidents: [incident()], teams: [] }).body
		);
		expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [69.7846, 37.9145] });
		expect(fc.features[0].properties).toMatchObject({ dead: 1, needs: 'water; tents' });
		const teams = JSON.parse(renderExport('teams.geojson', { incidents: [], teams: [team] }).body);
		expect(teams.features[0].geometry).toBeNull();
	});

	it('writes CSV that a spreadsheet reads back exactly, with field text never run as a formula', () => {
		const { body, type } = renderExport('incidents.csv', { incidents: [incident()], teams: [] });
		expect(type).toBe('text/csv; charset=utf-8');
		const rows = Papa.parse<string[]>(body.trim()).data;
		expect(rows[0].slice(0, 5)).toEqual(['id', 'type', 'severity', 'status', 'title']);
		expect(rows[1][4]).toBe('Сел дар кӯчаи Чормағзон, "поён", 2');
		expect(rows[1][5]).toBe(`'=HYPERLINK("http://evil.example")`);
		expect(body.endsWith('\r\n')).toBe(true);
	});

	it('has a header even when there is nothing to export', () => {
		const { body } = renderExport('teams.csv', { incidents: [], teams: [] });
		expect(body.trim().split('\r\n')).toEqual([
			'id,callsign,kind,status,status_at,incident_id,personnel,lat,lon,position_at,battery_pct,exercise,demo'
		]);
	});
});
