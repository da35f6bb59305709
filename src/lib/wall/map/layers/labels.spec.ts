import { describe, expect, it } from 'vitest';
import { makeHazard, makeIncident, makeTeam, T0 } from '$lib/live/fixtures';
import { hazardLabelPoint } from './hazards';
import { placeLabels } from './labels';
import { PLACES } from './places';
import { placedTeams } from './teams';

const t0 = Date.parse(T0);
const none = { incidents: [], sensors: [], shelters: [] };

describe('placeLabels', () => {
	const rows = placedTeams([
		makeTeam({ id: 'idle', callsign: 'A-1', status: 'available' }),
		makeTeam({ id: 'busy', callsign: 'Z-9', status: 'on_scene', lat: 37.9124 })
	]);

	it('gives the team at work the better place, moves the other left or drops it', () => {
		const close = placeLabels({ ...none, teams: rows }, [], { now: t0, zoom: 11 });
		expect(close.teams.map((l) => [l.team.id, l.anchor])).toEqual([
			['busy', 'start'],
			['idle', 'end']
		]);
		const third = placedTeams([...rows, makeTeam({ id: 'x', callsign: 'C-1', lat: 37.9125 })]);
		const crowded = placeLabels({ ...none, teams: third }, [], { now: t0, zoom: 11 });
		expect(crowded.teams).toHaveLength(2);
		const zoomed = placeLabels({ ...none, teams: rows }, [], { now: t0, zoom: 20 });
		expect(zoomed.teams).toHaveLength(2);
	});

	it("keeps labels off an incident's number, not off its ring", () => {
		const team = placedTeams([makeTeam({ lat: 37.91, lon: 69.78 })]);
		const onScene = placeLabels(
			{ ...none, teams: team, incidents: [makeIncident({ lat: 37.91, lon: 69.78 })] },
			[],
			{
				now: t0,
				zoom: 13
			}
		);
		expect(onScene.teams).toHaveLength(1);
		const right = makeIncident({ id: 'r', lat: 37.91, lon: 69.7825 });
		const left = makeIncident({ id: 'l', lat: 37.91, lon: 69.7775 });
		const ui = { now: t0, zoom: 13 };
		const oneSide = placeLabels({ ...none, teams: team, incidents: [right] }, [], ui);
		expect(oneSide.teams.map((l) => l.anchor)).toEqual(['end']);
		const bothSides = placeLabels({ ...none, teams: team, incidents: [right, left] }, [], ui);
		expect(bothSides.teams).toHaveLength(0);
	});

	it('lets place names give way to live data', () => {
		const empty = placeLabels({ ...none, teams: [] }, PLACES, { now: t0, zoom: 11 });
		expect(empty.places).toHaveLength(1);
		const [kulob] = PLACES;
		const below = placedTeams([makeTeam({ lat: kulob.lat - 0.01, lon: kulob.lon - 0.02 })]);
		const moved = placeLabels({ ...none, teams: below }, PLACES, { now: t0, zoom: 11 });
		expect(moved.teams).toHaveLength(1);
		// Below the point is taken: the name goes above it.
		expect(moved.places.map((p) => p.offset[1] < 0)).toEqual([true]);
		// Teams all around the town: no room left for its name.
		const around = placedTeams(
			Array.from({ length: 81 }, (_, i) =>
				makeTeam({
					id: `t${i}`,
					lat: kulob.lat + (Math.floor(i / 9) - 4) * 0.004,
					lon: kulob.lon + ((i % 9) - 4) * 0.006
				})
			)
		);
		const crowded = placeLabels({ ...none, teams: around }, PLACES, { now: t0, zoom: 11 });
		expect(crowded.places).toHaveLength(0);
	});
});

describe('hazard labels', () => {
	it('name the extent above its northernmost point, or beside it when that is taken', () => {
		const hazard = makeHazard({ depthM: 2.1 });
		const free = placeLabels({ ...none, teams: [], hazards: [hazard] }, [], { now: t0, zoom: 13 });
		expect(free.hazards).toHaveLength(1);
		expect(free.hazards[0]).toMatchObject({ text: 'Mudflow · 2.1 m', anchor: 'middle' });
		const [lon, lat] = hazardLabelPoint(hazard);
		const above = placedTeams([makeTeam({ lon, lat: lat + 0.0006 })]);
		const taken = placeLabels({ ...none, teams: above, hazards: [hazard] }, [], {
			now: t0,
			zoom: 13
		});
		expect(taken.hazards.map((h) => h.anchor)).toEqual(['end']);
	});
});
