import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { buildCap, parseCap } from '$lib/contracts';
import { cancelOf, issuedAlert, issueSchema } from './issue';

const XSD = readFileSync(
	new URL('../../../../tests/fixtures/cap/CAP-v1.2.xsd', import.meta.url),
	'utf8'
);
const form = issueSchema.parse({
	headline: 'Mudflow risk: leave the Tebalay banks',
	event: 'Mudflow',
	severity: 'Extreme',
	urgency: 'Immediate',
	certainty: 'Likely',
	polygon: '37.90,69.77 37.91,69.77 37.91,69.78 37.90,69.77',
	expiresHours: '6'
});
const opts = { sender: 'eoc@kulob.tj', eocName: 'Kulob EOC', now: new Date(Date.UTC(2026, 4, 7)) };

/** What the ingest reads back from the written CAP: the alert and the picture it files it in. */
function readBack(alert: ReturnType<typeof issuedAlert>) {
	const r = parseCap(buildCap(alert));
	if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
	return r;
}

async function xsdErrors(xml: string): Promise<string[]> {
	const r = await validateXML({
		xml: [{ fileName: 'alert.xml', contents: xml }],
		schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }]
	});
	return r.errors.map((e) => e.message);
}

describe("the EOC's own alerts, in the picture they are issued in", { timeout: 60_000 }, () => {
	it('are Actual in the real picture, with no drill named', () => {
		const r = readBack(issuedAlert(form, null, { ...opts, exercise: null }));
		expect(r.alert.status).toBe('Actual');
		expect(r.alert.note).toBeUndefined();
		expect(r.exercise).toBeNull();
	});

	it("are Exercise in a drill's picture, naming the drill in note and parameter", async () => {
		const alert = issuedAlert(form, null, { ...opts, exercise: 'kulob-drill-7' });
		const r = readBack(alert);
		expect(r.alert.status).toBe('Exercise');
		expect(r.alert.note).toContain('kulob-drill-7');
		expect(r.alert.info[0].parameter).toContainEqual({
			valueName: 'eocwall:exercise',
			value: 'kulob-drill-7'
		});
		expect(r.exercise).toBe('kulob-drill-7');
		expect(await xsdErrors(buildCap(alert))).toEqual([]);
	});

	it("cancel in the original's picture: a drill's Cancel is Exercise and names the drill", async () => {
		const later = { now: new Date(opts.now.getTime() + 60_000) };
		const real = issuedAlert(form, null, { ...opts, exercise: null });
		const realCancel = readBack(cancelOf(real, later));
		expect(realCancel.alert).toMatchObject({ status: 'Actual', msgType: 'Cancel', info: [] });
		expect(realCancel.exercise).toBeNull();

		const drill = issuedAlert(form, null, { ...opts, exercise: 'kulob-drill-7' });
		const cancel = cancelOf(drill, later);
		const r = readBack(cancel);
		expect(r.alert).toMatchObject({ status: 'Exercise', msgType: 'Cancel', sender: drill.sender });
		expect(r.alert.references).toEqual([
			{ sender: drill.sender, identifier: drill.identifier, sent: drill.sent }
		]);
		expect(r.exercise).toBe('kulob-drill-7');
		expect(await xsdErrors(buildCap(cancel))).toEqual([]);
	});
});
