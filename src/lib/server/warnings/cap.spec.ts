import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { buildCap, parseCap } from '$lib/contracts';
import type { Warning } from '../db/schema';
import { placeById } from '../places/search';
import { placesArea } from './area';
import { warningAlert } from './cap';
import { templateTexts } from './templates';

const XSD = readFileSync(
	new URL('../../../../tests/fixtures/cap/CAP-v1.2.xsd', import.meta.url),
	'utf8'
);
const kulob = placeById('geonames:1221194', 'en');

function warning(exercise: string | null): Warning {
	const texts = templateTexts('mudflow');
	return {
		id: 'w-1',
		status: 'approved',
		hazard: 'mudflow',
		alarmId: null,
		severity: 'Extreme',
		urgency: 'Immediate',
		certainty: 'Likely',
		texts,
		areaDesc: 'Kulob',
		area: placesArea([kulob!], 2.5),
		places: [kulob!.id],
		expiresAt: new Date(Date.UTC(2026, 4, 7, 12)),
		draftedBy: 'a@x',
		draftedAt: new Date(Date.UTC(2026, 4, 7)),
		decidedBy: 'b@x',
		decidedAt: new Date(Date.UTC(2026, 4, 7, 1)),
		rejectReason: null,
		alertId: null,
		exercise,
		updatedAt: new Date()
	};
}
const opts = {
	sender: 'eoc@kulob.tj',
	eocName: 'Kulob EOC',
	now: new Date(Date.UTC(2026, 4, 7, 2))
};

describe('an approved warning as CAP 1.2', { timeout: 60_000 }, () => {
	it('has one info block per language, tg, ru and en, and validates against the schema', async () => {
		expect(kulob).not.toBeNull();
		const xml = buildCap(warningAlert(warning(null), opts));
		const r = await validateXML({
			xml: [{ fileName: 'w.xml', contents: xml }],
			schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }]
		});
		expect(r.errors.map((e) => e.message)).toEqual([]);
		const back = parseCap(xml);
		if (!back.ok) throw new Error(back.detail);
		expect(back.alert.status).toBe('Actual');
		expect(back.alert.info.map((i) => i.language)).toEqual(['tg', 'ru', 'en']);
		const [tg, ru, en] = back.alert.info;
		expect(tg.headline).toBe('Хатари сел — Кӯлоб');
		expect(ru.headline).toBe('Угроза селя — Куляб');
		expect(en.event).toBe('Mudflow');
		expect(ru.area[0]).toMatchObject({
			areaDesc: 'Куляб',
			circles: [expect.stringMatching(/ 2\.5$/)]
		});
		expect(en.expires).toBe('2026-05-07T12:00:00.000Z');
	});

	it("is Exercise in a drill's picture, naming the drill in every info block", () => {
		const back = parseCap(buildCap(warningAlert(warning('kulob-drill'), opts)));
		if (!back.ok) throw new Error(back.detail);
		expect(back.alert.status).toBe('Exercise');
		expect(back.exercise).toBe('kulob-drill');
		for (const i of back.alert.info)
			expect(i.parameter).toContainEqual({ valueName: 'eocwall:exercise', value: 'kulob-drill' });
	});

	it('is the same CAP alert however often it is issued: key from the warning and its approval', () => {
		const first = warningAlert(warning(null), opts);
		const again = warningAlert(warning(null), { ...opts, now: new Date(Date.UTC(2026, 4, 7, 3)) });
		expect(again.identifier).toBe(first.identifier);
		expect(again.sent).toBe(first.sent);
		expect(first.identifier).toBe('eocwall-w-1');
		expect(first.sent).toBe('2026-05-07T01:00:00.000Z');
		const other = warningAlert({ ...warning(null), id: 'w-2' }, opts);
		expect(other.identifier).not.toBe(first.identifier);
	});
});
