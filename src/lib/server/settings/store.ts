import { z } from 'zod';
import { bboxSchema } from '$lib/live/area';
import { DEFAULT_SETTINGS } from '$lib/live/settings';
import type { SettingsView } from '$lib/live/types';
import type { Queryable } from '../db/types';

/** Settings as stored in meta('settings'); the console writes through the same schema. */
export const settingsSchema = z.object({
	eocName: z.string().trim().min(1).max(80),
	activationLevel: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
	area: z.object({ name: z.string().trim().min(1).max(80), bbox: bboxSchema }),
	staleAfterMin: z
		.number()
		.int()
		.min(1)
		.max(24 * 60)
});

/** SQL for the settings view: stored values over the defaults, so a new field has its default. */
export const settingsViewSql = `select 'eoc' as entity_id,
	'${JSON.stringify(DEFAULT_SETTINGS)}'::jsonb || coalesce((select value from meta where key = 'settings'), '{}'::jsonb) as data`;

/** The settings in force. A stored value that no longer validates falls back to the defaults. */
export async function readSettings(q: Queryable): Promise<SettingsView> {
	const [row] = await q.query<{ data: unknown }>(settingsViewSql);
	const data = typeof row?.data === 'string' ? JSON.parse(row.data) : row?.data;
	const parsed = settingsSchema.safeParse(data);
	return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Stores a partial change (validated) inside the caller's transaction. */
export async function writeSettings(
	q: Queryable,
	patch: Partial<SettingsView>
): Promise<SettingsView> {
	const next = settingsSchema.parse({ ...(await readSettings(q)), ...patch });
	await q.query(
		`insert into meta (key, value, updated_at) values ('settings', ($1::text)::jsonb, now())
		on conflict (key) do update set value = excluded.value, updated_at = now()`,
		[JSON.stringify(next)]
	);
	return next;
}
