import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../decode';
import { parseMessage } from '../parse';
import { CAP_TOPIC } from './message';
import { parseCap, type CapParse } from './parse';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../tests/fixtures/cap/${name}`, import.meta.url), 'utf8');
const ok = (r: CapParse) => {
	if (!r.ok) throw new Error(`expected a valid alert: ${r.reason}: ${r.detail}`);
	return r;
};
const A1 = fixture('oasis-a1-homeland-security.xml');
const A2 = fixture('oasis-a2-thunderstorm.xml');
const A3 = fixture('oasis-a3-earthquake-update.xml');
const A4 = fixture('oasis-a4-amber.xml');
const KULOB = fixture('kulob-heavy-rain.xml');

/** Great-circle distance in km (spherical Earth, as turf uses). */
function km([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
	const r = Math.PI / 180;
	const a =
		Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
		Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

describe('parseCap: the OASIS CAP 1.2 examples (Appendix A)', () => {
	it('A.1 homeland security: required elements, sent in UTC, an area without shape', () => {
		const { alert, exercise } = ok(parseCap(A1));
		expect(alert).toMatchObject({
			identifier: '43b080713727',
			sender: 'hsas@dhs.gov',
			sent: '2003-04-02T19:39:01.000Z',
			status: 'Actual',
			msgType: 'Alert',
			scope: 'Public'
		});
		expect(alert.info).toHaveLength(1);
		expect(alert.info[0]).toMatchObject({
			language: 'en-US',
			category: ['Security'],
			severity: 'Severe',
			headline: 'Homeland Security Sets Code ORANGE',
			parameter: [{ valueName: 'HSAS', value: 'ORANGE' }]
		});
		expect(alert.info[0].area[0]).toMatchObject({ geometry: null, polygons: [], circles: [] });
		expect(exercise).toBeNull();
	});

	it('A.2 thunderstorm: the polygon becomes GeoJSON [lon, lat], geocodes are kept', () => {
		const { alert } = ok(parseCap(A2));
		const info = alert.info[0];
		expect(info.expires).toBe('2003-06-17T23:00:00.000Z');
		expect(info.responseType).toEqual(['Shelter']);
		const area = info.area[0];
		expect(area.geocodes.map((g) => g.value)).toEqual(['006109', '006009', '006003']);
		expect(area.geometry?.type).toBe('MultiPolygon');
		expect(area.geometry?.coordinates[0][0]).toEqual([
			[-120.14, 38.47],
			[-119.95, 38.34],
			[-119.74, 38.52],
			[-119.89, 38.62],
			[-120.14, 38.47]
		]);
	});

	it('A.3 earthquake update: references parsed, a circle of radius 0 still drawn', () => {
		const { alert } = ok(parseCap(A3));
		expect(alert.msgType).toBe('Update');
		expect(alert.references).toEqual([
			{
				sender: 'trinet@caltech.edu',
				identifier: 'TRI13970876.1',
				sent: '2003-06-12T03:30:00.000Z'
			}
		]);
		expect(alert.info[0].parameter).toHaveLength(5);
		const ring = alert.info[0].area[0].geometry!.coordinates[0][0];
		expect(ring.length).toBeGreaterThan(16);
		for (const p of ring) expect(km(p, [-115.5527, 32.9525])).toBeLessThan(0.1);
	});

	it('A.4 AMBER: two info blocks in two languages, areas by geocode only', () => {
		const { alert } = ok(parseCap(A4));
		expect(alert.source).toBe('SW');
		expect(alert.info.map((i) => i.language)).toEqual(['en-US', 'es-US']);
		expect(alert.info[1].event).toBe('Abducción de Niño');
		expect(alert.info.every((i) => i.area[0].geometry === null)).toBe(true);
	});
});

describe('parseCap: several areas and infos, prefixes, circles', () => {
	it('reads a namespace prefix, two infos, a polygon and a circle of 1.5 km', () => {
		const { alert } = ok(parseCap(KULOB));
		expect(alert.sent).toBe('2026-05-06T20:00:00.000Z');
		expect(alert.info).toHaveLength(2);
		const [ru] = alert.info;
		expect(ru.category).toEqual(['Met', 'Geo']);
		expect(ru.instruction).toBe('Уйдите от русла Тебалая & Яхсу.');
		expect(ru.area.map((a) => a.areaDesc)).toEqual(['Тебалай, Куляб', 'Школа № 53']);
		const circle = ru.area[1].geometry!.coordinates[0][0];
		for (const p of circle) expect(km(p, [69.776, 37.908])).toBeCloseTo(1.5, 2);
		expect(ru.area[1].circles).toEqual(['37.908,69.776 1.5']);
	});
});

describe('parseCap: exercises', () => {
	const drill = (status: string) =>
		KULOB.replace('<cap:status>Actual', `<cap:status>${status}`).replace(
			'<cap:headline>Heavy rain',
			'<cap:parameter><cap:valueName>eocwall:exercise</cap:valueName><cap:value>kulob-mudflow-1</cap:value></cap:parameter><cap:headline>Heavy rain'
		);
	it('an Exercise alert carries its drill id', () => {
		// parameter must come after headline in CAP order, but the reader does not depend on order
		expect(ok(parseCap(drill('Exercise'))).exercise).toBe('kulob-mudflow-1');
	});
	it('an Actual alert is never moved into a drill by a parameter', () => {
		expect(ok(parseCap(drill('Actual'))).exercise).toBeNull();
	});
	it('Test and Draft are valid CAP (stored, not shown: the wall decides)', () => {
		expect(ok(parseCap(KULOB.replace('>Actual<', '>Test<'))).alert.status).toBe('Test');
		expect(ok(parseCap(KULOB.replace('>Actual<', '>Draft<'))).alert.status).toBe('Draft');
	});
});

describe('parseCap: rejections name the element', () => {
	const rejected = (xml: string) => {
		const r = parseCap(xml);
		if (r.ok) throw new Error('expected a rejection');
		return r;
	};
	it('a missing required element', () => {
		const r = rejected(A1.replace('<sender>hsas@dhs.gov</sender>', ''));
		expect(r).toMatchObject({ reason: 'schema' });
		expect(r.detail).toContain('alert.sender: is missing');
	});
	it('a missing event inside an info', () => {
		expect(rejected(A2.replace(/<event>.*<\/event>/, '')).detail).toContain(
			'alert.info[0].event: is missing'
		);
	});
	it('a severity outside the CAP vocabulary', () => {
		expect(rejected(A2.replace('<severity>Severe', '<severity>Bad')).detail).toContain(
			'alert.info[0].severity'
		);
	});
	it('a polygon that is not closed, in the second area', () => {
		const open = KULOB.replace(
			'<cap:circle>37.908,69.776 1.5</cap:circle>',
			'<cap:polygon>37.9,69.7 37.9,69.8 37.8,69.8 37.8,69.7</cap:polygon>'
		);
		expect(rejected(open).detail).toContain(
			'alert.info[0].area[1].polygon[0]: polygon is not closed'
		);
	});
	it('a circle without a radius, and a latitude out of range', () => {
		expect(rejected(KULOB.replace('37.908,69.776 1.5', '37.908,69.776')).detail).toContain(
			'alert.info[0].area[1].circle[0]'
		);
		expect(rejected(A2.replace('38.47,-120.14 38.34', '98.47,-120.14 38.34')).detail).toContain(
			'latitude "98.47" is not in [-90, 90]'
		);
	});
	it('an Update or Cancel without references', () => {
		expect(rejected(A3.replace(/<references>.*<\/references>/, '')).detail).toContain(
			'alert.references: is required for msgType Update'
		);
	});
	it('a sent time without a zone', () => {
		expect(
			rejected(A1.replace('2003-04-02T14:39:01-05:00', '2003-04-02T14:39:01')).detail
		).toContain('alert.sent');
	});
	it('a CAP 1.1 namespace', () => {
		expect(rejected(A1.replace('emergency:cap:1.2', 'emergency:cap:1.1')).detail).toContain(
			'namespace must be urn:oasis:names:tc:emergency:cap:1.2'
		);
	});
	it('malformed XML', () => {
		const r = rejected(A1.replace('</scope>', '</scop>'));
		expect(r.reason).toBe('not_xml');
		expect(r.detail).toMatch(/malformed XML at line \d+/);
	});
	it('a DOCTYPE (entity expansion) is refused before parsing', () => {
		const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n${A1.replace(/^<\?xml[^>]*>/, '').replace('ORANGE</headline>', '&lol2;</headline>')}`;
		expect(rejected(bomb)).toEqual({
			ok: false,
			reason: 'not_xml',
			detail: 'DOCTYPE is not allowed in a CAP message'
		});
	});
	it('a root that is not <alert>', () => {
		expect(rejected('<feed xmlns="http://www.w3.org/2005/Atom"/>').detail).toContain(
			'not a CAP <alert>'
		);
	});
});

describe('parseMessage on eoc/v1/alerts/cap', () => {
	const bytes = (s: string) => new TextEncoder().encode(s);
	const LATER = new Date('2100-01-01T00:00:00Z');
	it('is a cap_alert keyed by its CAP sender and identifier,sent', () => {
		const r = parseMessage(CAP_TOPIC, bytes(KULOB), LATER);
		expect(r.ok && r.message).toMatchObject({
			family: 'cap_alert',
			sender: 'cap:hydromet@meteo.tj',
			msgId: 'tj-hydromet-2026-0507-01,2026-05-06T20:00:00.000Z',
			ts: new Date('2026-05-06T20:00:00.000Z'),
			exercise: null
		});
	});
	it('rejects a sent time far ahead, too many bytes, and bytes that are not UTF-8', () => {
		const early = new Date('2026-05-06T19:00:00.000Z');
		expect(parseMessage(CAP_TOPIC, bytes(KULOB), early)).toMatchObject({
			ok: false,
			family: 'cap_alert',
			reason: 'future_ts',
			sender: 'cap:hydromet@meteo.tj'
		});
		const big = bytes(
			KULOB.replace('</cap:alert>', `<!--${'x'.repeat(MAX_PAYLOAD_BYTES)}--></cap:alert>`)
		);
		expect(parseMessage(CAP_TOPIC, big, LATER)).toMatchObject({ ok: false, reason: 'too_large' });
		expect(parseMessage(CAP_TOPIC, new Uint8Array([0x3c, 0xff, 0xfe]), LATER)).toMatchObject({
			ok: false,
			reason: 'not_utf8'
		});
	});
});
