import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '$lib/server/live/hub';
import { recordChanges } from '$lib/server/live/changes';
import { writeSettings } from '$lib/server/settings/store';
import type { Snapshot } from '$lib/live/types';
import { SERIES_MAX_POINTS, TRAIL_WINDOW_MS } from '$lib/live/types';
import { BACKEND } from './helpers/backend';
import { startInProcess, type InProcess } from './helpers/inprocess';
import { waitFor } from './helpers/ports';

describe(`the wall's snapshot on ${BACKEND}`, () => {
	let app: InProcess;
	beforeAll(async () => {
		app = await startInProcess({ EOC_SEED: 'demo', EOC_DEMO_FEED: 'off' });
	});
	afterAll(async () => app.stop());

	async function snapshotAndLive() {
		const got: LiveMessage[] = [];
		const stop = await app.services.hub.subscribe({ send: (m) => got.push(m) }, null);
		return { got, stop, snapshot: got[0].data as Snapshot };
	}

	it('carries settings, verified events, trails and six hours of gauge readings', async () => {
		const { snapshot, stop } = await snapshotAndLive();
		stop();
		expect(snapshot.settings).toMatchObject({
			eocName: 'Kulob EOC',
			activationLevel: 2,
			staleAfterMin: 10
		});
		expect(snapshot.settings.area.bbox).toEqual([69.694, 37.816, 69.93, 38.137]);
		expect(snapshot.events.length).toBe(4);
		const ts = snapshot.events.map((e) => Date.parse(e.ts));
		expect(ts).toEqual([...ts].sort((a, b) => b - a));
		expect(snapshot.events.every((e) => e.verifiedAt && e.demo)).toBe(true);
		const trail = snapshot.trails['kulob-rescue-2'];
		expect(trail.length).toBeGreaterThanOrEqual(5);
		expect(Date.now() - trail[0][2]).toBeLessThanOrEqual(TRAIL_WINDOW_MS);
		for (const series of Object.values(snapshot.series)) {
			expect(series.length).toBeGreaterThan(30);
			expect(series.length).toBeLessThanOrEqual(SERIES_MAX_POINTS);
			expect(series.every(([t, v]) => Number.isFinite(t) && Number.isFinite(v))).toBe(true);
		}
		expect(Object.keys(snapshot.series).sort()).toEqual(snapshot.sensors.map((s) => s.id).sort());
		expect(snapshot.incidents.every((i) => typeof i.acknowledged === 'boolean')).toBe(true);
	});

	it('streams a log entry only once verified, and a settings change', async () => {
		const { got, stop } = await snapshotAndLive();
		const db = app.services.db;
		const [{ id }] = await db.query<{ id: string }>(
			`insert into log_entry (ts, text, significant) values (now(), 'Bridge on Tebalay down', true)
			returning id::text as id`
		);
		await db.transaction(async (tx) => {
			await recordChanges(tx, new Map([['logEntry', new Set([id])]]));
		});
		await db.transaction(async (tx) => {
			await tx.query(
				`update log_entry set verified_at = now(), verified_by = 'sup' where id = $1`,
				[id]
			);
			await recordChanges(tx, new Map([['logEntry', new Set([id])]]));
			await writeSettings(tx, { activationLevel: 3 });
			await recordChanges(tx, new Map([['settings', new Set(['eoc'])]]));
		});
		await waitFor('the settings event', () => got.some((m) => m.event === 'settings'), 30_000);
		stop();
		const entries = got.filter((m) => m.event === 'logEntry');
		expect(entries).toHaveLength(1);
		expect(entries[0].data).toMatchObject({ id, text: 'Bridge on Tebalay down' });
		expect(got.find((m) => m.event === 'settings')?.data).toMatchObject({ activationLevel: 3 });
		await expect(writeSettings(db, { activationLevel: 7 as never })).rejects.toThrow();
	});
});
