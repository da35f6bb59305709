/**
 * The alarm engine's pacing (issue #14: 100 rules must not cost the ingest): changes that keep
 * coming are merged into passes at least `minGapMs` apart, and a team's emergency never waits for
 * the gap. An engine of its own over the in-process services' database, driven by hand (no timer,
 * not attached to the hub), so that only what the test calls makes passes.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine } from '$lib/server/alarms/engine';
import { BACKEND } from './helpers/backend';
import { startInProcess, type InProcess } from './helpers/inprocess';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`the alarm engine's pacing, on ${BACKEND}`, () => {
	let app: InProcess;
	beforeAll(async () => {
		app = await startInProcess(); // the default rules are seeded: team_emergency among them
	});
	afterAll(async () => {
		await app?.stop();
	});

	const engine = (minGapMs: number) =>
		new AlarmEngine({ db: app.services.db, log: pino({ level: 'silent' }), tickMs: 0, minGapMs });

	it('merges a steady stream of changes into passes at least the gap apart', async () => {
		const e = engine(300);
		await e.start(); // one pass (start ticks)
		const before = e.passes;
		const started = Date.now();
		for (let i = 0; i < 60; i++) {
			e.changed([{ event: 'sensor', data: { id: `g-${i % 5}` } }]);
			await sleep(20);
		}
		await e.idle();
		const elapsed = Date.now() - started;
		const passes = e.passes - before;
		// 60 changes: without the gap, every change after the last pass ended would start one.
		expect(passes).toBeGreaterThanOrEqual(2);
		expect(passes).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 300));
		await e.stop();
	});

	it("runs a team's emergency at once, even while a pass waits out the gap", async () => {
		const e = engine(600_000); // a gap no test could wait out
		await e.start();
		e.changed([{ event: 'team', data: { id: 'pacing-a' } }]); // runs at once (no pass before)
		await sleep(50);
		e.changed([{ event: 'team', data: { id: 'pacing-b' } }]); // waits for the gap
		const before = e.passes;
		e.emergencies([{ teamId: 'pacing-sos', emergency: true, exercise: null }]);
		await e.idle(); // would take ten minutes if the emergency waited
		expect(e.passes - before).toBe(1);
		const rows = await app.services.db.query<{ n: number }>(
			`select count(*)::int as n from alarm
			where rule_id = 'default-team-emergency' and subject_id = 'pacing-sos' and cleared_at is null`
		);
		expect(rows[0].n).toBe(1);
		await e.stop();
	});

	it('stops without waiting out the gap', async () => {
		const e = engine(600_000);
		await e.start();
		e.changed([{ event: 'sensor', data: { id: 'g-stop-a' } }]);
		await sleep(50);
		e.changed([{ event: 'sensor', data: { id: 'g-stop-b' } }]);
		await e.stop(); // would take ten minutes if stop waited for the pending pass
		expect(e.passes).toBeGreaterThanOrEqual(2);
	});
});
