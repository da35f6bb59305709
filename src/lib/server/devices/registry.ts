/**
 * The device registry (docs/interop.md): which team an OwnTracks phone, a Meshtastic node or a TAK
 * client reports for (or which resource of the register: bind.ts). Mapping a device places what it sent while unmapped: its kept positions go
 * into the team's track, and the newest moves the team unless the team holds a newer one. Every
 * change commits with its audit entry and its change-log entry (the wall sees it at once).
 */
import { deviceKey, type DeviceKind } from '$lib/contracts';
import { audit } from '../auth/audit';
import type { Actor } from '../console/log';
import { ConsoleError } from '../console/incidents';
import type { Database, Queryable } from '../db/types';
import { placeTrack } from '../entities/team/write';
import { teamPicture } from '../entities/team/read';
import { recordChanges, type ChangeSet } from '../live/changes';

export interface RegistryRow {
	id: string;
	kind: string;
	teamId: string | null;
	/** The resource it is bound to instead of a team (a vehicle tracker). */
	resourceId: string | null;
	name: string | null;
	shortName: string | null;
	lat: number | null;
	lon: number | null;
	positionTs: number | null;
	batteryPct: number | null;
	offlineAt: number | null;
	lastSeenAt: number | null;
	mappedBy: string | null;
	/** Messages kept while unmapped, waiting to be placed. */
	waiting: number;
	/** The newest texts it sent (for the queue: who is this?). */
	lastText: string | null;
}

const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());

/** Every device: the queue (no team, no resource) first, each part newest first. */
export async function listDevices(db: Queryable): Promise<RegistryRow[]> {
	const rows = await db.query<Record<string, unknown>>(
		`select d.id, d.kind, d.team_id, d.resource_id, d.name, d.short_name, d.lat, d.lon,
			d.position_ts, d.battery_pct, d.offline_at, d.last_seen_at, d.mapped_by,
			(select count(*)::int from device_message m where m.device_id = d.id
				and m.team_id is null and m.resource_id is null) as waiting,
			(select m.text from device_message m where m.device_id = d.id and m.kind = 'text'
				order by m.ts desc limit 1) as last_text
		from device d
		order by d.team_id is not null or d.resource_id is not null, d.last_seen_at desc nulls last,
			d.id
		limit 500`
	);
	return rows.map((r) => ({
		id: r.id as string,
		kind: r.kind as string,
		teamId: (r.team_id as string | null) ?? null,
		resourceId: (r.resource_id as string | null) ?? null,
		name: (r.name as string | null) ?? null,
		shortName: (r.short_name as string | null) ?? null,
		lat: (r.lat as number | null) ?? null,
		lon: (r.lon as number | null) ?? null,
		positionTs: ms(r.position_ts),
		batteryPct: (r.battery_pct as number | null) ?? null,
		offlineAt: ms(r.offline_at),
		lastSeenAt: ms(r.last_seen_at),
		mappedBy: (r.mapped_by as string | null) ?? null,
		waiting: Number(r.waiting),
		lastText: (r.last_text as string | null) ?? null
	}));
}

/**
 * Maps a device to a team and places what it kept. `mayRemap`: an operator maps from the queue
 * only; an admin may move a mapped device to another team. Returns how many positions it placed.
 */
export function mapDevice(
	db: Database,
	actor: Actor,
	input: { deviceId: string; teamId: string; mayRemap: boolean }
): Promise<{ placed: number }> {
	return db.transaction((tx) => mapIn(tx, actor, input));
}

async function mapIn(
	tx: Queryable,
	actor: Actor,
	input: { deviceId: string; teamId: string; mayRemap: boolean }
): Promise<{ placed: number }> {
	const held = await pointDevice(tx, actor, input, {
		picture: await teamPicture(tx, input.teamId),
		unknown: 'device_team_unknown',
		teamId: input.teamId,
		resourceId: null
	});
	const placed = await placeKept(tx, input.deviceId, input.teamId);
	await audit(tx, {
		actor: actor.audit,
		action: 'device-map',
		target: input.deviceId,
		detail: { teamId: input.teamId, from: held.team_id, fromResource: held.resource_id, placed },
		address: actor.address
	});
	return { placed };
}

/**
 * Locks a device and points it at a team or at a resource (bind.ts), never both, after checking
 * the target: it exists (else `unknown`), it is real (devices report in the real picture: a
 * drill's team or resource never takes a device, whose data would be real and would be deleted
 * with the drill's reset), and the device is in the queue unless `mayRemap`. Returns what it held.
 */
export async function pointDevice(
	tx: Queryable,
	actor: Actor,
	input: { deviceId: string; mayRemap: boolean },
	to: {
		picture: string | null | undefined;
		unknown: string;
		teamId: string | null;
		resourceId: string | null;
	}
): Promise<{ team_id: string | null; resource_id: string | null }> {
	if (to.picture === undefined) throw new ConsoleError(400, to.unknown);
	if (to.picture !== null) throw new ConsoleError(409, 'other_picture');
	const [held] = await tx.query<{ team_id: string | null; resource_id: string | null }>(
		`select team_id, resource_id from device where id = $1 for update`,
		[input.deviceId]
	);
	if (!held) throw new ConsoleError(404, 'registry_device_not_found');
	if ((held.team_id !== null || held.resource_id !== null) && !input.mayRemap)
		throw new ConsoleError(409, 'registry_already_mapped');
	await tx.query(
		`update device set team_id = $2, resource_id = $3, mapped_by = $4, mapped_at = now()
		where id = $1`,
		[input.deviceId, to.teamId, to.resourceId, actor.audit]
	);
	return held;
}

/** The kept, unplaced messages of a device become its team's: positions join the team's track. */
async function placeKept(tx: Queryable, deviceId: string, teamId: string): Promise<number> {
	const fixes = await tx.query<{
		ts: string;
		lat: number;
		lon: number;
		accuracy_m: number | null;
		speed_mps: number | null;
		heading_deg: number | null;
		altitude_m: number | null;
		battery_pct: number | null;
	}>(
		`update device_message set team_id = $2
		where device_id = $1 and team_id is null and resource_id is null
		returning ts, lat, lon, accuracy_m, speed_mps, heading_deg, altitude_m, battery_pct`,
		[deviceId, teamId]
	);
	const rows = fixes
		.filter((f) => f.lat !== null && f.lon !== null)
		.map((f) => ({
			teamId,
			ts: new Date(f.ts),
			lat: f.lat,
			lon: f.lon,
			accuracyM: f.accuracy_m,
			speedMps: f.speed_mps,
			headingDeg: f.heading_deg,
			altitudeM: f.altitude_m,
			batteryPct: f.battery_pct,
			exercise: null
		}));
	const changes: ChangeSet = new Map();
	await placeTrack(tx, teamId, rows, changes);
	await recordChanges(tx, changes);
	return rows.length;
}

/** An admin registers a device before it publishes (or maps one by its id); then as mapDevice. */
export async function registerDevice(
	db: Database,
	actor: Actor,
	input: { kind: DeviceKind; ident: string; teamId: string }
): Promise<{ deviceId: string; placed: number }> {
	const deviceId = deviceKey(input.kind, input.ident);
	return db.transaction(async (tx) => {
		await tx.query(`insert into device (id, kind) values ($1, $2) on conflict (id) do nothing`, [
			deviceId,
			input.kind
		]);
		const { placed } = await mapIn(tx, actor, { deviceId, teamId: input.teamId, mayRemap: true });
		return { deviceId, placed };
	});
}

/** Unmaps a device: what it sends next waits in the queue; what it placed stays with the team. */
export async function unmapDevice(db: Database, actor: Actor, deviceId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const [row] = await tx.query<{ team_id: string | null; resource_id: string | null }>(
			`select team_id, resource_id from device where id = $1 for update`,
			[deviceId]
		);
		if (row)
			await tx.query(
				`update device set team_id = null, resource_id = null, mapped_by = null, mapped_at = null
				where id = $1`,
				[deviceId]
			);
		if (!row) throw new ConsoleError(404, 'registry_device_not_found');
		await audit(tx, {
			actor: actor.audit,
			action: 'device-unmap',
			target: deviceId,
			detail: { teamId: row.team_id, resourceId: row.resource_id },
			address: actor.address
		});
	});
}
