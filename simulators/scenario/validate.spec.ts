import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KULOB_FILE } from '../engine/testing';
import { readFileSync } from 'node:fs';
import { loadScenarioFile, validateScenario } from './validate';

const kulob = (): Raw => JSON.parse(readFileSync(KULOB_FILE, 'utf8'));
/** The errors of the Kulob scenario after `edit`. */
function errorsAfter(edit: (s: Raw) => void): string[] {
	const s = kulob();
	edit(s);
	const r = validateScenario(s);
	return r.ok ? [] : r.errors;
}
// The raw JSON, edited freely to break it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;
const injectNo = (s: Raw, n: number): Raw => s.injects.find((i: Raw) => i.number === n);

describe('scenario validation', () => {
	it('accepts the Kulob scenario, times read as scenario seconds', async () => {
		const r = await loadScenarioFile(KULOB_FILE.pathname);
		if (!r.ok) throw new Error(r.errors.join('\n'));
		expect(r.scenario.duration).toBe(5 * 3600);
		expect(r.scenario.injects.find((i) => i.number === 5)?.at).toBe(3600 + 25 * 60);
		expect(r.scenario.sensors[0].curve[1]).toEqual([1800, 14]);
	});

	it('names the inject and the field of a value out of range', () => {
		expect(errorsAfter((s) => (injectNo(s, 6).effects[0].lat = 91))).toEqual([
			'inject 6: effects[0].lat: expected a number <= 90'
		]);
	});

	it('names a missing field, a wrong type, a bad time and a broken enumeration', () => {
		const errors = errorsAfter((s) => {
			delete injectNo(s, 9).message;
			injectNo(s, 3).effects[0].severity = 'high';
			injectNo(s, 4).at = '1:5';
			injectNo(s, 8).type = 'urgent';
		});
		expect(errors).toEqual([
			'inject 3: effects[0].severity: expected a number',
			'inject 4: at: expected H:MM or H:MM:SS',
			'inject 8: type: expected one of "contextual", "expected_action", "contingency"',
			'inject 9: message: required (a string)'
		]);
	});

	it('names an unknown effect kind and lists the known ones', () => {
		const [error] = errorsAfter((s) => (injectNo(s, 2).effects[0].kind = 'sms'));
		expect(error).toBe(
			'inject 2: effects[0].kind: unknown kind "sms"; expected one of report, incident_update, team, readings, cap, release, resource, request'
		);
	});

	it('checks references: teams, sensors, hazards and reports that exist and come earlier', () => {
		const errors = errorsAfter((s) => {
			injectNo(s, 7).effects[0].team = 'drill-rescue-9';
			injectNo(s, 10).effects[0].sensor = 'nowhere';
			injectNo(s, 5).effects[0].hazard = 'other-flow';
			// charmgaron-collapse is reported at 1:40: an update at 0:30 cannot name it
			injectNo(s, 2).effects.push({
				kind: 'incident_update',
				incident: 'charmgaron-collapse',
				note: 'x'
			});
		});
		expect(errors).toEqual([
			'inject 2: effects[1].incident: no earlier report named "charmgaron-collapse" in the scenario',
			'inject 5: effects[0].hazard: no hazard "other-flow" in the scenario',
			'inject 7: effects[0].team: no team "drill-rescue-9" in the scenario',
			'inject 10: effects[0].sensor: no sensor "nowhere" in the scenario'
		]);
	});

	it('checks the equipment, the stores and the requests: ids, teams, reports, where', () => {
		const errors = errorsAfter((s) => {
			s.resources[1].id = s.resources[0].id;
			s.resources[0].team = 'drill-crane-9';
			s.stores[0].stock.push({ kind: 'tent', quantity: 1 });
			injectNo(s, 22).effects[0].resource = 'drill-boat-1';
			// the collapse is reported at 1:40: a request at 0:30 cannot name it
			injectNo(s, 2).effects.push({
				kind: 'request',
				resourceKind: 'excavator',
				quantity: 1,
				requester: 'Hukumat of Kulob',
				incident: 'charmgaron-collapse'
			});
		});
		expect(errors).toEqual([
			'resources: drill-coes-exc-1 appears twice',
			'resources: drill-coes-exc-1: team: no team "drill-crane-9" in the scenario',
			'stores: drill-coes-wh-kulob: stock: tent appears twice',
			'inject 2: effects[1].incident: no earlier report named "charmgaron-collapse" in the scenario',
			'inject 22: effects[0].resource: no resource "drill-boat-1" in the scenario'
		]);
		expect(
			errorsAfter((s) => {
				const r = injectNo(s, 21).effects[0];
				delete r.place;
				delete r.lat;
				delete r.lon;
				r.quantity = 0;
			})
		).toEqual([
			'inject 21: effects[0].quantity: expected a number > 0',
			'inject 21: effects[0].place: a request names an incident, a place or a point (lat, lon)'
		]);
	});

	it('checks numbers, expected-action effects, times and the CAP polygon', () => {
		const errors = errorsAfter((s) => {
			injectNo(s, 19).number = 18;
			injectNo(s, 3).expectedAction.effect = 4;
			injectNo(s, 17).at = '6:00';
			injectNo(s, 1).effects[0].area.polygon[4] = [38, 69.8];
		});
		expect(errors).toEqual([
			'injects: 18 appears twice',
			'inject 1: effects[0].area.polygon: the first and last points differ (not closed)',
			'inject 3: expectedAction.effect: no effect 4 (it has 1)',
			'inject 17: at: after the end of the scenario'
		]);
	});

	it('says so when the file is missing or not JSON', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
		writeFileSync(join(dir, 'bad.json'), '{ "id": ');
		const bad = await loadScenarioFile(join(dir, 'bad.json'));
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors[0]).toMatch(/bad\.json: not JSON/);
		const missing = await loadScenarioFile(join(dir, 'none.json'));
		expect(missing).toEqual({ ok: false, errors: [`${join(dir, 'none.json')}: ENOENT`] });
	});
});
