import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { buildCap, capTimeText } from './build';
import { parseCap } from './parse';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../tests/fixtures/cap/${name}`, import.meta.url), 'utf8');
/** The CAP 1.2 schema (tests/fixtures/cap/CAP-v1.2.xsd says where it comes from). */
const XSD = fixture('CAP-v1.2.xsd');
const EXAMPLES = [
	'oasis-a1-homeland-security.xml',
	'oasis-a2-thunderstorm.xml',
	'oasis-a3-earthquake-update.xml',
	'oasis-a4-amber.xml',
	'kulob-heavy-rain.xml'
];

async function xsdErrors(xml: string): Promise<string[]> {
	const r = await validateXML({
		xml: [{ fileName: 'alert.xml', contents: xml }],
		schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }]
	});
	return r.errors.map((e) => e.message);
}

const parsed = (xml: string) => {
	const r = parseCap(xml);
	if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
	return r.alert;
};

// xmllint-wasm compiles the schema on every call: seconds on a loaded machine.
describe('buildCap', { timeout: 60_000 }, () => {
	it('writes CAP date-times with an offset, never Z', () => {
		expect(capTimeText('2026-05-06T20:00:00.000Z')).toBe('2026-05-06T20:00:00+00:00');
	});

	it.each(EXAMPLES)('%s: what it writes validates against the CAP 1.2 XSD', async (name) => {
		expect(await xsdErrors(buildCap(parsed(fixture(name))))).toEqual([]);
	});

	it.each(EXAMPLES)('%s: reads back as the same alert', (name) => {
		const alert = parsed(fixture(name));
		expect(parsed(buildCap(alert))).toEqual(alert);
	});

	it('escapes text that looks like markup', async () => {
		const alert = parsed(fixture('kulob-heavy-rain.xml'));
		alert.info[0].headline = '<b>Mud</b> & rain';
		const xml = buildCap(alert);
		expect(xml).toContain('&lt;b&gt;Mud&lt;/b&gt; &amp; rain');
		expect(await xsdErrors(xml)).toEqual([]);
		expect(parsed(xml).info[0].headline).toBe('<b>Mud</b> & rain');
	});

	it('the schema check can fail: elements out of order, a bad vocabulary', async () => {
		const xml = buildCap(parsed(fixture('oasis-a1-homeland-security.xml')));
		const swapped = xml.replace(
			'<status>Actual</status>\n  <msgType>Alert</msgType>',
			'<msgType>Alert</msgType>\n  <status>Actual</status>'
		);
		expect((await xsdErrors(swapped)).join('\n')).toContain('msgType');
		const bad = xml.replace('<severity>Severe', '<severity>Bad');
		expect((await xsdErrors(bad)).join('\n')).toContain("'Bad'");
	});
});
