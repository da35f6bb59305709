import { topics } from '$lib/contracts';
import type { AppBroker } from '../broker/client';
import type { Database } from '../db/types';
import type { Logger } from '../ops/log';

const TEAM_EVERY_MS = 5_000;
const GAUGE_EVERY_MS = 30_000;
const M_PER_DEG_LAT = 111_320;

interface DemoTeam {
	id: string;
	lat: number;
	lon: number;
	status: string | null;
}

/** Where a demo team is at time t: a slow loop around its base (pure, for tests). */
export function demoPosition(team: DemoTeam, index: number, t: number) {
	const moving = team.status === 'en_route' || team.status === 'returning';
	const radiusM = moving ? 900 : 120;
	const periodMs = (moving ? 8 : 20) * 60_000;
	const phase = index * 1.3 + (2 * Math.PI * t) / periodMs;
	const mPerDegLon = M_PER_DEG_LAT * Math.cos((team.lat * Math.PI) / 180);
	const lat = team.lat + (radiusM * Math.sin(phase)) / M_PER_DEG_LAT;
	const lon = team.lon + (radiusM * Math.cos(phase)) / mPerDegLon;
	// Moving counter-clockwise: the heading is the tangent of the loop.
	const headingDeg = ((Math.atan2(-Math.sin(phase), Math.cos(phase)) * 180) / Math.PI + 360) % 360;
	const speedMps = (2 * Math.PI * radiusM) / (periodMs / 1000);
	return { lat, lon, headingDeg, speedMps };
}

/**
 * Keeps the demo region alive: the demo teams move and report and the gauges read, published over
 * MQTT like real devices, so a newcomer sees the whole path working. Runs only on a database that
 * was seeded with the demo, and never touches a team that is not demo.
 */
export async function startDemoFeed(db: Database, broker: AppBroker, log: Logger) {
	const teams = await db.query<DemoTeam>(
		'select id, lat, lon, status from team where demo and lat is not null order by id'
	);
	const gauges = await db.query<{
		id: string;
		kind: string;
		warning: number | null;
		last_value: number;
	}>('select id, kind, warning, last_value from sensor where demo and last_value is not null');
	const client = broker.connect(`eocwall-demo-${process.pid}`, { reconnectPeriod: 2000 });
	client.on('error', (err) => log.debug({ err: err.message }, 'demo feed mqtt error'));
	const publish = (topic: string, payload: object) => {
		if (client.connected) client.publish(topic, JSON.stringify(payload), { qos: 1 });
	};
	let seq = 0;
	const tick = () => {
		const now = Date.now();
		teams.forEach((team, i) => {
			publish(topics.position(team.id), {
				msgId: `demo-${now}-${seq++}`,
				ts: now,
				...demoPosition(team, i, now),
				batteryPct: Math.max(5, 95 - ((now / 60_000 + i * 7) % 80))
			});
		});
	};
	const read = () => {
		const now = Date.now();
		for (const g of gauges) {
			const swing = (g.warning ?? g.last_value * 2) * 0.15;
			publish(topics.sensorReading(g.id), {
				msgId: `demo-${now}-${seq++}`,
				ts: now,
				kind: g.kind,
				// Rain and water levels are never negative, however far restarts have moved last_value.
				value: Math.max(0, Math.round((g.last_value + swing * Math.sin(now / 900_000)) * 10) / 10)
			});
		}
	};
	client.once('connect', () => {
		tick();
		read();
	});
	const timers = [setInterval(tick, TEAM_EVERY_MS), setInterval(read, GAUGE_EVERY_MS)];
	log.info({ teams: teams.length, gauges: gauges.length }, 'demo feed publishing');
	return async () => {
		timers.forEach(clearInterval);
		await new Promise<void>((r) => client.end(false, {}, () => r()));
	};
}

/** True when this database holds the demo region (seeded by seedDemo). */
export async function isDemoDatabase(db: Database): Promise<boolean> {
	const rows = await db.query<{ kind: string }>(
		"select value->>'kind' as kind from meta where key = 'seed'"
	);
	return rows[0]?.kind === 'demo';
}
