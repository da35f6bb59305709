import type { SettingsView } from '$lib/live/types';
import { audit } from '../auth/audit';
import type { Database, Queryable } from '../db';
import { writeThresholds } from '../entities/sensor/write';
import { addChange, recordChanges, type ChangeSet } from '../live/changes';
import type { ViewKind } from '../live/views';
import { readSettings, writeSettings } from '../settings/store';
import { ConsoleError } from './incidents';
import type { Actor } from './log';

// Held while the settings are read, merged and written, so that an admin renaming the EOC and a
// supervisor raising the activation level at the same moment do not undo each other.
const SETTINGS_LOCK = 0x0e0c_5e77;

/** One change of the console's settings page: made, recorded for the walls and audited at once. */
async function change<T>(
	db: Database,
	by: Actor,
	what: { action: string; target: string; kind: ViewKind; id: string },
	write: (tx: Queryable, changes: ChangeSet) => Promise<{ result: T; old: unknown; new: unknown }>
): Promise<T> {
	return db.transaction(async (tx) => {
		const changes: ChangeSet = new Map();
		const done = await write(tx, changes);
		addChange(changes, what.kind, what.id);
		await recordChanges(tx, changes);
		await audit(tx, {
			actor: by.audit,
			action: what.action,
			target: what.target,
			detail: { old: done.old, new: done.new },
			address: by.address
		});
		return done.result;
	});
}

/** Changes some of the EOC's settings; the audit entry names the old and new value of each. */
export function updateSettings(
	db: Database,
	by: Actor,
	action: 'settings-eoc' | 'settings-activation',
	patch: Partial<SettingsView>
): Promise<SettingsView> {
	const what = { action, target: 'settings', kind: 'settings' as const, id: 'eoc' };
	return change(db, by, what, async (tx) => {
		await tx.query(`select pg_advisory_xact_lock(${SETTINGS_LOCK})`);
		const before = await readSettings(tx);
		const after = await writeSettings(tx, patch);
		const keys = Object.keys(patch) as (keyof SettingsView)[];
		return {
			result: after,
			old: Object.fromEntries(keys.map((k) => [k, before[k]])),
			new: Object.fromEntries(keys.map((k) => [k, after[k]]))
		};
	});
}

/** Sets how many people a shelter holds now (ConsoleError 404 when there is no such shelter). */
export function setOccupancy(db: Database, by: Actor, id: string, occupancy: number) {
	const what = {
		action: 'shelter-occupancy',
		target: `shelter:${id}`,
		kind: 'shelter' as const,
		id
	};
	return change(db, by, what, async (tx) => {
		const [row] = await tx.query<{ occupancy: number; capacity: number }>(
			`select occupancy, capacity from shelter where id = $1 for update`,
			[id]
		);
		if (!row) throw new ConsoleError(404, 'shelter_unknown');
		await tx.query(`update shelter set occupancy = $2, updated_at = now() where id = $1`, [
			id,
			occupancy
		]);
		return {
			result: undefined,
			old: { occupancy: row.occupancy },
			new: { occupancy, capacity: row.capacity }
		};
	});
}

/** Sets a gauge's warning and danger thresholds, null for none (ConsoleError 404: no such gauge). */
export function setThresholds(
	db: Database,
	by: Actor,
	id: string,
	t: { warning: number | null; danger: number | null }
) {
	const what = { action: 'sensor-thresholds', target: `sensor:${id}`, kind: 'sensor' as const, id };
	return change(db, by, what, async (tx, changes) => {
		const old = await writeThresholds(tx, changes, id, t);
		if (!old) throw new ConsoleError(404, 'sensor_unknown');
		return { result: undefined, old, new: t };
	});
}
