import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { makeIncident, makeTeam } from '$lib/live/fixtures';
import { COT_UNKNOWN, INCIDENT_TYPE, renderCot, TEAM_TYPE } from './cot';

const NOW = Date.parse('2026-05-07T02:15:00Z');
const STALE_MS = 10 * 60_000;
const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	isArray: (n) => n === 'event'
});
type Ev = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function events(xml: string): Ev[] {
	return parser.parse(xml).events.event ?? [];
}

describe('renderCot', () => {
	const team = makeTeam({
		id: 'kr1',
		callsign: 'Kulob <Rescue> 1',
		lat: 37.9105,
		lon: 69.7812,
		positionTs: '2026-05-07T02:10:00.000Z',
		headingDeg: 135,
		speedMps: 4.2,
		batteryPct: 76
	});
	const xml = renderCot(
		{
			teams: [team, makeTeam({ id: 'nowhere', lat: null, lon: null, positionTs: null })],
			incidents: [
				makeIncident({ id: 'inc-1', severity: 4 }),
				makeIncident({ id: 'gone', status: 'closed' })
			]
		},
		NOW,
		STALE_MS
	);

	it('is XML with one CoT 2.0 event per located team and open incident', () => {
		const list = events(xml);
		expect(list.map((e) => e.uid)).toEqual(['eocwall-team-kr1', 'eocwall-incident-inc-1']);
		for (const e of list) {
			expect(e.version).toBe('2.0');
			for (const a of ['uid', 'type', 'how', 'time', 'start', 'stale'])
				expect(typeof e[a], a).toBe('string');
			for (const a of ['time', 'start', 'stale'])
				expect(e[a]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			for (const a of ['lat', 'lon', 'hae', 'ce', 'le'])
				expect(Number.isFinite(Number(e.point[a])), a).toBe(true);
		}
	});

	it('a team: friendly ground unit at its fix, stale after the EOC limit, with its track and battery', () => {
		const [e] = events(xml);
		expect(e).toMatchObject({ type: TEAM_TYPE, how: 'm-g', start: '2026-05-07T02:10:00.000Z' });
		expect(e.stale).toBe('2026-05-07T02:20:00.000Z');
		expect(e.time).toBe(new Date(NOW).toISOString());
		expect(Number(e.point.lat)).toBeCloseTo(37.9105, 6);
		expect(Number(e.point.lon)).toBeCloseTo(69.7812, 6);
		expect(Number(e.point.hae)).toBe(COT_UNKNOWN);
		expect(e.detail.contact.callsign).toBe('Kulob <Rescue> 1');
		expect(e.detail.track).toEqual({ course: '135', speed: '4.2' });
		expect(e.detail.status.battery).toBe('76');
	});

	it('an incident: a spot marker naming severity, type and title', () => {
		const e = events(xml)[1];
		expect(e.type).toBe(INCIDENT_TYPE);
		expect(e.detail.contact.callsign).toMatch(/^S4 /);
		expect(Date.parse(e.stale)).toBeGreaterThan(NOW);
	});

	it('an empty picture is an empty <events>', () => {
		expect(events(renderCot({ teams: [], incidents: [] }, NOW, STALE_MS))).toEqual([]);
	});
});
