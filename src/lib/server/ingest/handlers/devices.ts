/**
 * The device adapters' writer (OwnTracks, Meshtastic): every event is kept in device_message and
 * refreshes its device's row in the registry; a mapped device's fixes move its team (by their own
 * time: a late or replayed one never moves it back), its texts, transitions and lost connections
 * go to the operators' log, and a text that parses as a field report becomes a reported incident.
 * A mapped device's SOS (a Meshtastic text starting with `SOS`) also raises its team's emergency
 * alarm: handed to the engine after the commit, as a status's `emergency: true` is; the text
 * still goes to the log. An unmapped device's events wait in the registry's queue
 * (docs/interop.md); its SOS is logged and marked as raising nothing.
 *
 * A device bound to a resource instead (a vehicle tracker, devices/bind.ts) moves the resource
 * with its fixes, each by its own time (entities/resource/status.ts); its battery stays the
 * device's (the registry shows it), since a resource has no battery. Its texts go to the log with
 * the resource as author; having no team, its SOS raises nothing, like an unmapped one's.
 */
import type { AdapterFamily, DeviceEvent } from '$lib/contracts';
import { bulk } from '../../db/bulk';
import type { Queryable } from '../../db/types';
import { addChange, type ChangeSet } from '../../live/changes';
import { sortBy } from '../dedup';
import { reports } from './incidents';
import { writeBatteries, writePositions } from '../../entities/team/write';
import { trackerFix, writeResourceReports } from '../../entities/resource/status';
import type { Handler, HandlerOut, Of } from './types';

type DeviceMessage = Of<AdapterFamily>;

interface Known {
	id: string;
	team_id: string | null;
	resource_id: string | null;
	lat: number | null;
	lon: number | null;
}

/** One row per device of the batch: what its newest events say. */
function deviceRows(messages: DeviceMessage[]) {
	const rows = new Map<string, Record<string, unknown> & { id: string; newest: number }>();
	for (const m of [...messages].sort((a, b) => a.ts.getTime() - b.ts.getTime())) {
		const e = m.body;
		const row = rows.get(e.deviceId) ?? { id: e.deviceId, kind: m.family, newest: 0 };
		const at = m.ts.toISOString();
		row.newest = m.ts.getTime();
		row.newestTs = at;
		if (e.name) row.name = e.name;
		if (e.shortName) row.shortName = e.shortName;
		if (e.batteryPct !== undefined) row.batteryPct = e.batteryPct;
		if (e.voltage !== undefined) row.voltage = e.voltage;
		if (e.fix) Object.assign(row, { lat: e.fix.lat, lon: e.fix.lon, fixTs: at });
		// A will counts only if nothing newer came after it.
		row.offlineAt = e.kind === 'offline' ? at : null;
		rows.set(e.deviceId, row);
	}
	return sortBy([...rows.values()], (r) => r.id);
}

/**
 * Creates unknown devices (the queue) and refreshes known ones; returns each one's team or
 * resource. Devices report in the real picture only: a device mapped to a drill's team or bound to
 * a drill's resource (the registry refuses both; a reset and a drill may have reused the id since)
 * counts as unmapped, and its events wait in the queue instead of moving the drill's row.
 */
async function touchDevices(tx: Queryable, messages: DeviceMessage[]): Promise<Map<string, Known>> {
	const rows = deviceRows(messages);
	await bulk(
		tx,
		(r) => `insert into device (id, kind, first_seen_at, last_seen_at)
		select id, kind, now(), now() from ${r} as x(id text, kind text)
		on conflict (id) do nothing`,
		rows
	);
	const known = await bulk<Known>(
		tx,
		(r) => `update device d set
			name = coalesce(x.name, d.name), short_name = coalesce(x."shortName", d.short_name),
			battery_pct = coalesce(x."batteryPct", d.battery_pct),
			voltage = coalesce(x.voltage, d.voltage), last_seen_at = now(),
			lat = case when x."fixTs" > coalesce(d.position_ts, '-infinity') then x.lat else d.lat end,
			lon = case when x."fixTs" > coalesce(d.position_ts, '-infinity') then x.lon else d.lon end,
			position_ts = greatest(d.position_ts, x."fixTs"),
			offline_at = case when x."offlineAt" is not null then x."offlineAt"
				when x."newestTs" > coalesce(d.offline_at, '-infinity') then null
				else d.offline_at end
		from ${r} as x(id text, name text, "shortName" text, "batteryPct" float8, voltage float8,
			lat float8, lon float8, "fixTs" timestamptz, "newestTs" timestamptz,
			"offlineAt" timestamptz)
		where d.id = x.id
		returning d.id, d.lat, d.lon, case when exists (select 1 from team t
			where t.id = d.team_id and t.exercise is not null) then null else d.team_id end as team_id,
			case when exists (select 1 from resource r
				where r.id = d.resource_id and r.exercise is not null) then null
			else d.resource_id end as resource_id`,
		rows
	);
	return new Map(known.map((k) => [k.id, k]));
}

function keep(tx: Queryable, messages: DeviceMessage[], known: Map<string, Known>) {
	return bulk(
		tx,
		(r) => `insert into device_message (device_id, ts, kind, lat, lon, accuracy_m, speed_mps,
			heading_deg, altitude_m, battery_pct, text, team_id, resource_id)
		select "deviceId", ts, kind, lat, lon, "accuracyM", "speedMps", "headingDeg", "altitudeM",
			"batteryPct", text, "teamId", "resourceId"
		from ${r} as x("deviceId" text, ts timestamptz, kind text, lat float8, lon float8,
			"accuracyM" float8, "speedMps" float8, "headingDeg" float8, "altitudeM" float8,
			"batteryPct" float8, text text, "teamId" text, "resourceId" text)`,
		messages
			.filter((m) => m.body.kind !== 'names')
			.map((m) => ({
				deviceId: m.body.deviceId,
				ts: m.ts,
				kind: m.body.kind,
				...m.body.fix,
				batteryPct: m.body.batteryPct ?? null,
				text: m.body.text ?? null,
				teamId: known.get(m.body.deviceId)?.team_id ?? null,
				resourceId: known.get(m.body.deviceId)?.resource_id ?? null
			}))
	);
}

/** What the operators' log says of an event, or null when it says nothing. */
function logText(e: DeviceEvent, mapped: boolean): string | null {
	switch (e.kind) {
		case 'text': {
			const to = e.to ? ` → ${e.to}` : '';
			const why = e.reportProblem ? ` (not a report: ${e.reportProblem})` : '';
			const sos = e.emergency && !mapped ? ' (SOS from a device of no team: no alarm raised)' : '';
			return `${e.text}${to}${why}${sos}`;
		}
		case 'transition':
			return `${e.transition === 'enter' ? 'entered' : 'left'} ${e.text || 'a region'}`;
		case 'offline':
			return 'connection lost (OwnTracks last will)';
		default:
			return null;
	}
}

async function logEvents(
	tx: Queryable,
	entries: { ts: Date; text: string; author: string }[],
	changes: ChangeSet
) {
	const ids = await bulk<{ id: string }>(
		tx,
		(r) => `insert into log_entry (ts, text, author)
		select ts, text, author from ${r} as x(ts timestamptz, text text, author text)
		returning id::text`,
		entries
	);
	for (const { id } of ids) addChange(changes, 'logEntry', id);
}

async function writeDeviceEvents(
	tx: Queryable,
	messages: DeviceMessage[],
	changes: ChangeSet,
	out: HandlerOut
): Promise<void> {
	const known = await touchDevices(tx, messages);
	await keep(tx, messages, known);
	const teamOf = (m: DeviceMessage) => known.get(m.body.deviceId)?.team_id ?? null;
	const resourceOf = (m: DeviceMessage) => known.get(m.body.deviceId)?.resource_id ?? null;
	const mapped = messages.filter((m) => teamOf(m) !== null);

	// A bound tracker's fixes move its resource (a fix says nothing of its status).
	await writeResourceReports(
		tx,
		messages.flatMap((m) => {
			const resource = resourceOf(m);
			const fix = m.body.fix;
			return resource && fix ? [trackerFix(resource, m.ts, fix.lat, fix.lon)] : [];
		}),
		changes
	);

	await writePositions(
		tx,
		mapped.flatMap((m) => {
			const fix = m.body.fix;
			if (!fix) return [];
			return [
				{
					teamId: teamOf(m) as string,
					ts: m.ts,
					lat: fix.lat,
					lon: fix.lon,
					accuracyM: fix.accuracyM ?? null,
					speedMps: fix.speedMps ?? null,
					headingDeg: fix.headingDeg ?? null,
					altitudeM: fix.altitudeM ?? null,
					batteryPct: m.body.batteryPct ?? null,
					exercise: null
				}
			];
		}),
		changes
	);
	// A battery reading without a fix (Meshtastic telemetry) updates the team's battery.
	await writeBatteries(
		tx,
		mapped
			.filter((m) => !m.body.fix && m.body.batteryPct !== undefined)
			.map((m) => ({ teamId: teamOf(m) as string, batteryPct: m.body.batteryPct as number })),
		changes
	);

	const entries: { ts: Date; text: string; author: string }[] = [];
	const filed: Of<'incident_report'>[] = [];
	for (const m of messages) {
		const e = m.body;
		const team = teamOf(m);
		const bound = resourceOf(m);
		const author = `${e.deviceId} (${team ?? (bound ? `resource ${bound}` : 'unmapped')})`;
		const here = known.get(e.deviceId);
		// Devices report in the real picture only (touchDevices): the emergency is a real one.
		if (e.emergency && team)
			out.emergencies.push({
				teamId: team,
				emergency: true,
				exercise: null,
				detail: { device: e.deviceId, text: e.text }
			});
		const report = e.report;
		const lat = report?.lat ?? here?.lat ?? null;
		const lon = report?.lon ?? here?.lon ?? null;
		if (report && lat !== null && lon !== null) {
			const { lat: _lat, lon: _lon, ...fields } = report;
			filed.push({
				family: 'incident_report',
				topic: m.topic,
				sender: m.sender,
				msgId: m.msgId,
				ts: m.ts,
				exercise: null,
				body: {
					...fields,
					lat,
					lon,
					reporter: team ?? e.deviceId,
					msgId: m.msgId,
					ts: m.ts,
					exercise: null
				}
			});
			continue;
		}
		const text = report ? `${e.text} (not a report: no position known)` : logText(e, team !== null);
		if (text) entries.push({ ts: m.ts, text, author });
	}
	await logEvents(tx, entries, changes);
	if (filed.length > 0) await reports(tx, filed, changes, out);
}

/** `owntracks/{user}/{device}[/...]`, validated by contracts/adapters/owntracks.ts. */
export const ownTracksEvents: Handler<'owntracks'> = writeDeviceEvents;
/** `msh/{region}/2/json/...`, validated by contracts/adapters/meshtastic.ts. */
export const meshtasticEvents: Handler<'meshtastic'> = writeDeviceEvents;
