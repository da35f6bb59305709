import type { Database } from '../db/types';
import { logEntry, meta, shelter, team } from '../db/schema';
import { seedIncidents } from '../entities/incident/write';
import { seedSensors } from '../entities/sensor/write';
import { seedTeams } from '../entities/team/write';
import { sql } from 'drizzle-orm';
import { seedDefaultKinds } from '../entities/resource/kinds';
import { seedDemoContacts } from './demo-contacts';
import { seedDemoResources } from './demo-resources';

/**
 * The Kulob demo region (docs/kulob.md): the Kulob rescue unit, gauges on the Yakhsu and the
 * Tebalay, shelters, a few incidents. Every row is marked demo so that no one takes it for real.
 */
const at = (minutesAgo: number, now: Date) => new Date(now.getTime() - minutesAgo * 60_000);

export function demoData(now = new Date()) {
	const teams = [
		['kulob-rescue-1', 'Rescue 1', 'rescue', 'available', 37.9112, 69.7795, 92],
		['kulob-rescue-2', 'Rescue 2', 'rescue', 'en_route', 37.9562, 69.8203, 77],
		['kulob-rescue-3', 'Rescue 3', 'rescue', 'on_scene', 37.9868, 69.8571, 64],
		['kulob-medical-1', 'Medical 1', 'medical', 'available', 37.9065, 69.7842, 88],
		['kulob-excavator-1', 'Excavator 1', 'excavator', 'on_scene', 37.9851, 69.8612, 55],
		['kulob-truck-1', 'Truck 1', 'truck', 'returning', 37.8702, 69.7488, 81],
		['kulob-pump-1', 'Pump 1', 'pump', 'out_of_service', 37.9049, 69.7761, 23]
	] as const;
	return {
		teams: teams.map(([id, callsign, kind, status, lat, lon, batteryPct], i) => ({
			id,
			callsign,
			kind,
			homeBase: 'Kulob rescue unit',
			status,
			statusTs: at(3 + i, now),
			lat,
			lon,
			positionTs: at(1 + i, now),
			headingDeg: (i * 47) % 360,
			speedMps: status === 'en_route' ? 8 : 0,
			batteryPct,
			incidentId: status === 'on_scene' ? 'demo-landslide-1' : null,
			personnel: kind === 'rescue' ? 6 : 2,
			demo: true
		})),
		sensors: [
			{
				id: 'yakhsu-kulob-wl',
				kind: 'water_level_cm',
				name: 'Yakhsu at Kulob',
				unit: 'cm',
				lat: 37.9612,
				lon: 69.7905,
				warning: 250,
				danger: 320,
				lastValue: 182,
				lastTs: at(4, now),
				demo: true
			},
			{
				id: 'tebalay-kulob-wl',
				kind: 'water_level_cm',
				name: 'Tebalay, town bridge',
				unit: 'cm',
				lat: 37.9156,
				lon: 69.7874,
				warning: 120,
				danger: 160,
				lastValue: 64,
				lastTs: at(6, now),
				demo: true
			},
			{
				id: 'kulob-rain',
				kind: 'rain_mm',
				name: 'Kulob rain gauge (1 h)',
				unit: 'mm',
				lat: 37.9121,
				lon: 69.7801,
				warning: 15,
				danger: 30,
				lastValue: 4.2,
				lastTs: at(2, now),
				demo: true
			}
		],
		shelters: [
			['school-53', 'School No. 53', 37.9187, 69.7739, 400, 35],
			['kulob-sports', 'Kulob sports complex', 37.9072, 69.7883, 650, 0],
			['kulob-university', 'Kulob State University hall', 37.9139, 69.7697, 300, 12]
		].map(([id, name, lat, lon, capacity, occupancy]) => ({
			id: id as string,
			name: name as string,
			lat: lat as number,
			lon: lon as number,
			capacity: capacity as number,
			occupancy: occupancy as number,
			demo: true
		})),
		incidents: [
			{
				id: 'demo-landslide-1',
				type: 'landslide',
				severity: 3,
				status: 'open',
				title: 'Landslide blocks the road to Muminobod',
				description: 'Debris across both lanes; no vehicles trapped.',
				lat: 37.9862,
				lon: 69.8595,
				casualties: { dead: 0, injured: 1, missing: 0, trapped: 0 },
				affected: { people: 40, households: 9 },
				needs: ['excavator'],
				reporter: 'kulob-rescue-3',
				reportedAt: at(95, now),
				updatedTs: at(20, now),
				demo: true
			},
			{
				id: 'demo-flood-1',
				type: 'flood',
				severity: 2,
				status: 'open',
				title: 'Water in basements on Charmgaron street',
				description: null,
				lat: 37.9168,
				lon: 69.7851,
				casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
				affected: { people: 60, households: 14 },
				needs: ['pump'],
				reporter: 'public',
				reportedAt: at(40, now),
				updatedTs: at(40, now),
				demo: true
			},
			{
				id: 'demo-road-1',
				type: 'road_blocked',
				severity: 1,
				status: 'reported',
				title: 'Fallen tree on Nonboi Poyon street',
				description: null,
				lat: 37.9093,
				lon: 69.7758,
				casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
				affected: { people: 0, households: 0 },
				needs: [],
				reporter: 'public',
				reportedAt: at(12, now),
				updatedTs: at(12, now),
				demo: true
			}
		]
	};
}

const SEED_LOCK = 0x0e0c_5eed;

export async function seedDemo(db: Database, now = new Date()): Promise<boolean> {
	// The default kinds first (once per database; startup writes them before this too).
	await seedDefaultKinds(db);
	const seeded = await db.orm.transaction(async (tx) => {
		// Instances starting together on an empty database: one seeds, the others wait and skip.
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
		const done = await tx
			.select()
			.from(meta)
			.where(sql`key = 'seed'`);
		if (done.length) return false;
		const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(team);
		if (n > 0) return false; // a database with data of its own is never seeded
		const d = demoData(now);
		await seedTeams(tx, d.teams, demoTrails(d.teams, now));
		await seedSensors(tx, d.sensors, demoReadings(d.sensors, now));
		await tx.insert(shelter).values(d.shelters);
		await seedIncidents(tx, d.incidents);
		await tx.insert(logEntry).values(demoLog(now));
		await tx.insert(meta).values([
			{ key: 'seed', value: { kind: 'demo', at: now.toISOString() } },
			{ key: 'settings', value: { activationLevel: 2 } }
		]);
		return true;
	});
	// The demo register: once, in a new demo database and in one seeded before it existed.
	await seedDemoResources(db, now);
	// The demo contact directory, the same way.
	await seedDemoContacts(db);
	return seeded;
}

type DemoSensor = ReturnType<typeof demoData>['sensors'][number];
type DemoTeam = ReturnType<typeof demoData>['teams'][number];

/** Six hours of readings every 10 minutes, rising towards the value the gauge shows now. */
export function demoReadings(sensors: DemoSensor[], now: Date) {
	return sensors.flatMap((s) =>
		Array.from({ length: 36 }, (_, k) => {
			const minutesAgo = 360 - k * 10 + 5;
			const rise = 0.55 + 0.45 * (k / 35) ** 2; // a slow rise that steepens, as before a flood
			const wobble = 1 + 0.04 * Math.sin(k * 1.7);
			return {
				sensorId: s.id,
				ts: at(minutesAgo, now),
				kind: s.kind,
				value: Math.round(s.lastValue * rise * wobble * 10) / 10,
				unit: s.unit
			};
		})
	);
}

/** The last 25 minutes of each moving team's track, ending where the team is now. */
export function demoTrails(teams: DemoTeam[], now: Date) {
	return teams
		.filter((t) => t.status === 'en_route' || t.status === 'returning')
		.flatMap((t) =>
			Array.from({ length: 6 }, (_, k) => ({
				teamId: t.id,
				ts: at(26 - k * 4, now),
				lat: t.lat - (6 - k) * 0.0021,
				lon: t.lon - (6 - k) * 0.0027
			}))
		);
}

/** Verified significant events of the demo, as a supervisor would have posted them. */
export function demoLog(now: Date) {
	return [
		[95, 'Landslide on the Muminobod road reported by Rescue 3; road closed'],
		[70, 'Excavator 1 dispatched to the Muminobod road'],
		[40, 'Hydromet: heavy-rain warning for Kulob and Vose districts'],
		[25, 'School No. 53 opened as a gathering point, capacity 400']
	].map(([minutesAgo, text]) => ({
		ts: at(minutesAgo as number, now),
		text: text as string,
		author: 'duty officer',
		significant: true,
		verifiedAt: at((minutesAgo as number) - 3, now),
		verifiedBy: 'supervisor',
		demo: true
	}));
}
