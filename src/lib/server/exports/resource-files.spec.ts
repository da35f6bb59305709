import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { makeIncident } from '$lib/live/fixtures';
import { makeKind, makeRequest, makeResource, makeStock } from '$lib/wall/state/resource-fixtures';
import { renderExport, type ExportData } from './files';
import { parseResourceCsv } from '../resources/import';
import { RESOURCE_IMPORT_COLUMNS } from './resource-files';

const csv = (body: string) => Papa.parse<string[]>(body.trim()).data;
const DRILL = 'kulob-mudflow-1';

const data: ExportData = {
	incidents: [makeIncident({ id: 'inc-1', lat: 37.9862, lon: 69.8595 })],
	teams: [],
	resources: [
		makeResource({ id: 'exc-1', plate: '0412 ЧС 03', lat: 37.9035, lon: 69.7668, fuelPct: 80 }),
		makeResource({
			id: 'gen-1',
			kindId: 'generator',
			name: '=HYPERLINK("http://evil.example")',
			lat: null,
			lon: null,
			positionTs: null,
			status: 'out_of_service'
		}),
		makeResource({ id: 'drill-exc', exercise: DRILL })
	],
	requests: [
		makeRequest({ id: 'req-point', lat: 37.9187, lon: 69.7739, place: 'School No. 53' }),
		makeRequest({
			id: 'req-incident',
			incidentId: 'inc-1',
			place: null,
			assigned: [
				{
					resourceId: 'exc-1',
					storeId: null,
					quantity: null,
					at: '2026-12-07T09:10:00.000Z',
					releasedAt: null
				},
				{
					resourceId: null,
					storeId: 'kulob-wh',
					quantity: 40,
					at: '2026-12-07T09:12:00.000Z',
					releasedAt: null
				}
			]
		}),
		makeRequest({ id: 'req-nowhere', place: 'Vose' }),
		makeRequest({ id: 'req-drill', exercise: DRILL })
	],
	stock: [
		makeStock({ storeId: 'kulob-wh', kindId: 'water', quantity: 3000, minimum: 5000 }),
		makeStock({ storeId: 'kulob-wh', kindId: 'tent', quantity: 100, minimum: 100 }),
		makeStock({ storeId: 'kulob-wh', kindId: 'sandbag', quantity: 10, minimum: null }),
		makeStock({ storeId: 'drill-wh', kindId: 'water', exercise: DRILL })
	],
	kinds: [
		makeKind({ id: 'water', class: 'supply', unit: 'l' }),
		makeKind({ id: 'tent', class: 'supply', unit: 'pcs' })
	]
};

describe('resource exports', () => {
	it('resources.csv starts with the register import columns, then the read-only ones', () => {
		const rows = csv(renderExport('resources.csv', data).body);
		expect(rows[0]).toEqual([
			...RESOURCE_IMPORT_COLUMNS,
			'status_ts',
			'position_ts',
			'fuel_pct',
			'request_id',
			'exercise',
			'demo'
		]);
		expect(rows.map((r) => r[0])).toEqual(['id', 'exc-1', 'gen-1']);
		const exc = Object.fromEntries(rows[0].map((k, i) => [k, rows[1][i]]));
		expect(exc).toMatchObject({
			kind: 'excavator',
			plate: '0412 ЧС 03',
			lat: '37.9035',
			fuel_pct: '80'
		});
		// A resource without a position is there, its lat and lon empty; field text is never a formula.
		const gen = Object.fromEntries(rows[0].map((k, i) => [k, rows[2][i]]));
		expect(gen).toMatchObject({ lat: '', lon: '', status: 'out_of_service' });
		expect(gen.name).toBe(`'=HYPERLINK("http://evil.example")`);
	});

	it('resources.csv is taken back by the register import as it is: every row good', () => {
		const text = renderExport('resources.csv', data).body;
		const resources = data.resources ?? [];
		const teams = new Set(resources.map((r) => r.teamId).filter((t) => t !== null));
		const kinds = new Map(resources.map((r) => [r.kindId, 'equipment']));
		const back = parseResourceCsv(text, { kinds, teams }, new Map());
		expect(back).toMatchObject({ ok: true, badCount: 0 });
		if (!back.ok) return;
		expect(back.good.map((r) => r.id)).toEqual(['exc-1', 'gen-1']);
		expect(back.good[0]).toMatchObject({ kindId: 'excavator', plate: '0412 ЧС 03', lat: 37.9035 });
	});

	it('resources.geojson: a point in lon, lat order, and null geometry without a position', () => {
		const fc = JSON.parse(renderExport('resources.geojson', data).body);
		expect(fc.features.map((f: { id: string }) => f.id)).toEqual(['exc-1', 'gen-1']);
		expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [69.7668, 37.9035] });
		expect(fc.features[1].geometry).toBeNull();
		expect(fc.features[1].properties).toMatchObject({ kind: 'generator', lat: '', lon: '' });
	});

	it('requests.geojson: at its own point, else its incident, else no geometry; what was assigned in CSV', () => {
		const fc = JSON.parse(renderExport('requests.geojson', data).body);
		const at = Object.fromEntries(
			fc.features.map((f: { id: string; geometry: unknown }) => [f.id, f.geometry])
		);
		expect(at).toEqual({
			'req-point': { type: 'Point', coordinates: [69.7739, 37.9187] },
			'req-incident': { type: 'Point', coordinates: [69.8595, 37.9862] },
			'req-nowhere': null
		});
		const rows = csv(renderExport('requests.csv', data).body);
		const head = rows[0];
		expect(head.slice(0, 5)).toEqual(['id', 'kind', 'quantity', 'priority', 'status']);
		const inc = rows.find((r) => r[0] === 'req-incident') as string[];
		expect(inc[head.indexOf('assigned')]).toBe('exc-1; kulob-wh:40');
		expect(inc[head.indexOf('incident_id')]).toBe('inc-1');
	});

	it('stock.csv: one row per store and kind, with its unit, and below only when strictly less', () => {
		const rows = csv(renderExport('stock.csv', data).body);
		expect(rows[0].slice(0, 6)).toEqual(['store', 'kind', 'quantity', 'unit', 'minimum', 'below']);
		expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual([
			['kulob-wh', 'water', '3000', 'l', '5000', 'true'],
			['kulob-wh', 'tent', '100', 'pcs', '100', 'false'],
			['kulob-wh', 'sandbag', '10', '', '', 'false']
		]);
	});

	it('real exports hold no drill row; ?exercise= exports that drill alone', () => {
		for (const name of ['resources.csv', 'requests.csv', 'stock.csv'] as const) {
			const real = csv(renderExport(name, data).body);
			expect(real.flat().join(' ')).not.toContain(DRILL);
			const drill = csv(renderExport(name, data, DRILL).body);
			expect(drill).toHaveLength(2);
			expect(drill[1]).toContain(DRILL);
		}
	});
});
