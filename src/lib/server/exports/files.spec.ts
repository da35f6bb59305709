import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { makeHazard, makeIncident, makeTeam } from '$lib/live/fixtures';
import type { IncidentView } from '$lib/live/types';
import { renderExport } from './files';

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

describe('exports: KML, hazards and drills', () => {
	const hazard = makeHazard({ id: 'tebalay-1', depthM: 1.4 });
	const data = {
		incidents: [incident(), incident({ id: 'drill-inc', exercise: 'kulob-mudflow-1' })],
		teams: [
			makeTeam({ id: 'kr1', callsign: 'Кӯлоб-1' }),
			makeTeam({ id: 'sim', exercise: 'kulob-mudflow-1' })
		],
		hazards: [hazard, makeHazard({ id: 'drill-flow', exercise: 'kulob-mudflow-1' })]
	};
	const kmlBack = (body: string) =>
		kml(new DOMParser().parseFromString(body, 'text/xml') as unknown as Document);

	it('real exports never hold a drill row; ?exercise= exports that drill alone', () => {
		for (const what of ['incidents', 'teams', 'hazards'] as const) {
			const real = JSON.parse(renderExport(`${what}.geojson`, data).body);
			expect(real.features.map((f: { id: string }) => f.id)).not.toContain('drill-inc');
			expect(
				real.features.every(
					(f: { properties: { exercise: string } }) => f.properties.exercise === ''
				)
			).toBe(true);
			const drill = JSON.parse(renderExport(`${what}.geojson`, data, 'kulob-mudflow-1').body);
			expect(drill.features).toHaveLength(1);
			expect(drill.features[0].properties.exercise).toBe('kulob-mudflow-1');
		}
	});

	it('hazards: the extent polygon in GeoJSON, and as GeoJSON text in CSV', () => {
		const fc = JSON.parse(renderExport('hazards.geojson', data).body);
		expect(fc.features[0].geometry).toEqual(hazard.geometry);
		expect(fc.features[0].properties).toMatchObject({ id: 'tebalay-1', depth_m: 1.4 });
		const rows = Papa.parse<string[]>(renderExport('hazards.csv', data).body.trim()).data;
		expect(rows[0].at(-1)).toBe('geometry');
		expect(JSON.parse(rows[1].at(-1)!)).toEqual(hazard.geometry);
	});

	it.each(['incidents', 'teams', 'hazards'] as const)(
		'%s.kml parses, and reads back (togeojson) as the GeoJSON export',
		(what) => {
			const { body, type } = renderExport(`${what}.kml`, data);
			expect(type).toBe('application/vnd.google-earth.kml+xml');
			const back = kmlBack(body);
			const geo = JSON.parse(renderExport(`${what}.geojson`, data).body);
			expect(back.features).toHaveLength(geo.features.length);
			back.features.forEach((f, i) => {
				expect(f.geometry).toEqual(geo.features[i].geometry);
				expect(String(f.properties?.id)).toBe(geo.features[i].properties.id);
			});
			if (what === 'teams') expect(back.features[0].properties?.name).toBe('Кӯлоб-1');
		}
	);
});
