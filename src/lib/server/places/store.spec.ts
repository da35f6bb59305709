import { describe, expect, it } from 'vitest';
import { parsePlaceFile } from './import';
import { parsePlace, splitNames } from './store';

const good = { name: 'Tebalay bridge', kind: 'bridge', lat: '37.95', lon: '69.85' };

describe("an admin's place", () => {
	it('takes other names separated by commas or lines, without repeats or the name itself', () => {
		expect(splitNames('Куляб, Kulyab\n\nКӯлоб;Kulyab')).toEqual(['Куляб', 'Kulyab', 'Кӯлоб']);
		const r = parsePlace({
			...good,
			altNames: 'Tebalay bridge, Пули Тебалай',
			population: '1 200'
		});
		expect(r).toEqual({
			ok: true,
			place: { ...good, altNames: ['Пули Тебалай'], lat: 37.95, lon: 69.85, population: 1200 }
		});
	});

	it('takes a point "lat, lon" instead of the two fields', () => {
		const r = parsePlace({ name: 'X', kind: 'school', point: '37.9, 69.78', lat: '', lon: '' });
		expect(r.ok && [r.place.lat, r.place.lon]).toEqual([37.9, 69.78]);
	});

	it('names the first bad field', () => {
		const bad = (over: Record<string, string>) => {
			const r = parsePlace({ ...good, ...over });
			return r.ok ? null : r.field;
		};
		expect(bad({ name: ' ' })).toBe('name');
		expect(bad({ kind: 'castle' })).toBe('kind');
		expect(bad({ lat: '91' })).toBe('lat');
		expect(bad({ lat: '' })).toBe('lat');
		expect(bad({ lon: 'east' })).toBe('lon');
		expect(bad({ population: '-3' })).toBe('population');
		expect(bad({ altNames: Array.from({ length: 31 }, (_, i) => `n${i}`).join(',') })).toBe(
			'altNames'
		);
		expect(bad({ point: '37.9' })).toBe('lat');
	});
});

describe('an import of places', () => {
	it('reads CSV and names the line and field of every bad row', () => {
		const csv =
			'name,alt_names,kind,lat,lon,population\n\nTebalay,"Тебалай;Tebalai",bridge,37.9,69.8,\n' +
			'"Two\nlines",,village,37,69,10\nBad,,school,95,69,\nWorse,,castle,37,69,\n';
		expect(parsePlaceFile(csv, 'p.csv')).toEqual({
			ok: false,
			problems: [
				'line 6: lat: lat must be from -90 to 90',
				'line 7: kind: kind must be one of jamoat, village, school, bridge, gauge, shelter, other'
			]
		});
		const fine = parsePlaceFile(csv.split('Bad,')[0], 'p.csv');
		expect(fine.ok && fine.places.map((p) => [p.name, p.altNames])).toEqual([
			['Tebalay', ['Тебалай', 'Tebalai']],
			['Two lines', []]
		]);
		expect(parsePlaceFile('name,lat\nA,1\n')).toMatchObject({ ok: false });
	});

	it('reads GeoJSON points, naming the feature', () => {
		const fc = (props: object[]) =>
			JSON.stringify({
				type: 'FeatureCollection',
				features: props.map((properties) => ({
					type: 'Feature',
					properties,
					geometry: { type: 'Point', coordinates: [69.8, 37.9] }
				}))
			});
		const ok = parsePlaceFile(fc([{ name: 'X', kind: 'gauge', alt_names: ['Икс'] }]), 'a.geojson');
		expect(ok).toMatchObject({ ok: true, places: [{ name: 'X', altNames: ['Икс'], lat: 37.9 }] });
		expect(parsePlaceFile(fc([{ name: 'X', kind: 'gauge' }, { kind: 'gauge' }]))).toEqual({
			ok: false,
			problems: ['feature 2: name: name is required']
		});
	});
});
