import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntryView, SettingsView, ShelterView, Snapshot } from '$lib/live/types';
import type { Role } from '../src/lib/server/auth/roles';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { bearer } from './helpers/principals';
import { SseClient, type SseEvent } from './helpers/sse';

/**
 * The console's log and settings through the running app, as people use them (form posts that
 * work without JavaScript), and what a wall receives on its stream as a result.
 */
describe(`the console's log and settings, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let stream: SseClient;
	const clients = new Map<Role, FormClient>();

	/** A browser-like client signed in as the seeded person of this role. */
	async function as(role: Role): Promise<FormClient> {
		let c = clients.get(role);
		if (!c) {
			c = new FormClient(app.url);
			await c.signIn(app.auth.users[role].email, app.auth.users[role].password);
			clients.set(role, c);
		}
		return c;
	}
	const marker = () => `m${randomBytes(5).toString('hex')}`;
	const events = <T>(name: string) =>
		stream.events.filter((e) => e.event === name).map((e) => JSON.parse(e.data) as T);

	/** The id of the log row whose text holds the marker, from the log page ('' when absent). */
	async function entryId(text: string): Promise<string> {
		const html = await (await (await as('operator')).get('/console/log')).text();
		const rows = html.split('<tr ').filter((r) => r.includes(text));
		return rows[0]?.match(/data-entry="(\d+)"/)?.[1] ?? '';
	}
	async function logRows(): Promise<number> {
		const html = await (await (await as('operator')).get('/console/log')).text();
		return html.match(/data-entry="/g)?.length ?? 0;
	}

	beforeAll(async () => {
		db = await freshDatabase();
		// The demo region: open incidents, shelters and gauges to act on; no feed moving them.
		app = await startApp({
			...db.env,
			...(await mqttEnv()),
			EOC_SEED: 'demo',
			EOC_DEMO_FEED: 'off'
		});
		stream = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		await stream.waitFor((e) => e.event === 'snapshot');
	});
	afterAll(async () => {
		await stream?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('keeps a significant entry off the wall until a supervisor verifies it, then streams it', async () => {
		const op = await as('operator');
		const m = marker();
		// Text from people is text: markup and Cyrillic arrive as typed.
		const text = `${m} Сел дар Кӯлоб <script>alert(1)</script> <img src=x onerror=alert(2)>`;
		const posted = await op.post('/console/log?/post', {
			text,
			incidentId: 'demo-flood-1',
			significant: 'on'
		});
		expect(posted.status).toBe(200);
		const page = await posted.text();
		expect(testId(page, 'post-done')).not.toBe('');
		expect(page).not.toContain('<script>alert(1)');
		expect(page).toContain('&lt;script>alert(1)&lt;/script>');
		const id = await entryId(m);
		expect(id).toMatch(/^\d+$/);

		// An operator sees it awaiting, without a verify button; a supervisor gets one.
		const opRow = (await (await op.get('/console/log')).text())
			.split('<tr ')
			.find((r) => r.includes(m));
		expect(opRow).toContain('awaiting verification');
		expect(opRow).not.toContain('data-testid="verify"');
		const sup = await as('supervisor');
		const supRow = (await (await sup.get('/console/log?awaiting')).text())
			.split('<tr ')
			.find((r) => r.includes(m));
		expect(supRow).toContain('data-testid="verify"');

		// An operator cannot verify: the route table refuses, and nothing reaches the wall.
		const refused = await op.post('/console/log?/verify', { id });
		expect(refused.status).toBe(403);
		const fresh = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		const snap = JSON.parse((await fresh.waitFor((e) => e.event === 'snapshot')).data) as Snapshot;
		await fresh.close();
		expect(snap.events.some((e) => e.id === id)).toBe(false);
		expect(events<LogEntryView>('logEntry').some((e) => e.id === id)).toBe(false);

		// A supervisor verifies: the entry goes to every open wall.
		const verified = await sup.post('/console/log?/verify', { id });
		expect(verified.status).toBe(200);
		expect(testId(await verified.text(), 'verify-done')).not.toBe('');
		const ev = await stream.waitFor(
			(e: SseEvent) => e.event === 'logEntry' && (JSON.parse(e.data) as LogEntryView).id === id
		);
		const entry = JSON.parse(ev.data) as LogEntryView;
		expect(entry).toMatchObject({ text, incidentId: 'demo-flood-1', author: 'Test operator' });
		expect(Date.parse(entry.verifiedAt)).toBeGreaterThan(Date.now() - 60_000);

		// One-way: a second verification is refused and says why.
		const again = await sup.post('/console/log?/verify', { id });
		expect(again.status).toBe(409);
		expect(testId(await again.text(), 'verify-problem')).toBe('This entry is verified already.');

		// The audit log names both people and the entry.
		const audit = await (await (await as('admin')).get('/admin/audit')).text();
		expect(audit).toContain('log-post');
		expect(audit).toContain('log-verify');
		expect(audit.split('<tr').filter((r) => r.includes(`log:${id}<`)).length).toBe(2);
		expect(audit).toContain(app.auth.users.operator.email);
		expect(audit).toContain(app.auth.users.supervisor.email);
	});

	it('refuses to verify a routine entry or one that does not exist', async () => {
		const m = marker();
		expect((await (await as('admin')).post('/console/log?/post', { text: m })).status).toBe(200);
		const id = await entryId(m);
		const sup = await as('supervisor');
		const routine = await sup.post('/console/log?/verify', { id });
		expect(routine.status).toBe(409);
		expect(testId(await routine.text(), 'verify-problem')).toContain('Only a significant entry');
		expect((await sup.post('/console/log?/verify', { id: '999999999' })).status).toBe(404);
		const junk = await sup.post('/console/log?/verify', { id: 'abc' });
		expect(junk.status).toBe(400);
		expect(testId(await junk.text(), 'verify-problem')).toBe('There is no such log entry.');
	});

	it('answers bad entries with 400 and a message, and stores nothing', async () => {
		const op = await as('operator');
		const before = await logRows();
		const m = marker();
		const cases: [Record<string, string>, string][] = [
			[{ text: '   ', significant: 'on' }, 'Write the entry.'],
			[{ text: m + 'x'.repeat(5000) }, 'An entry has at most 2000 characters.'],
			[{ text: m, incidentId: 'no-such-incident' }, 'Choose an incident from the list'],
			[{ text: `${m}\0` }, 'cannot be stored']
		];
		for (const [fields, message] of cases) {
			const r = await op.post('/console/log?/post', fields);
			expect(r.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
			const html = await r.text();
			expect(testId(html, 'post-problem')).toContain(message);
			// The text comes back in the form, so nothing typed is lost.
			if (fields.text.trim()) expect(html).toContain(m);
		}
		expect(await logRows()).toBe(before);
		expect(await entryId(m)).toBe('');
	});

	it('lets a viewer neither read nor post the log', async () => {
		const v = await as('viewer');
		expect((await v.get('/console/log')).status).toBe(403);
		expect((await v.post('/console/log?/post', { text: marker() })).status).toBe(403);
	});

	it('streams the activation level a supervisor sets, and refuses it to an operator', async () => {
		expect(
			(await (await as('operator')).post('/console/settings?/activation', { activationLevel: '4' }))
				.status
		).toBe(403);
		const r = await (
			await as('supervisor')
		).post('/console/settings?/activation', {
			activationLevel: '3'
		});
		expect(r.status).toBe(200);
		expect(testId(await r.text(), 'activation-done')).toBe('Saved.');
		const ev = await stream.waitFor(
			(e) => e.event === 'settings' && (JSON.parse(e.data) as SettingsView).activationLevel === 3
		);
		expect(JSON.parse(ev.data)).toMatchObject({ eocName: 'Kulob EOC', staleAfterMin: 10 });
		const bad = await (
			await as('supervisor')
		).post('/console/settings?/activation', {
			activationLevel: '5'
		});
		expect(bad.status).toBe(400);
		// The EOC's name is an admin's, not a supervisor's.
		const name = await (
			await as('supervisor')
		).post('/console/settings?/eoc', {
			eocName: 'X',
			staleAfterMin: '10'
		});
		expect(name.status).toBe(403);
		const audit = (await (await (await as('admin')).get('/admin/audit')).text()).replaceAll(
			'&quot;',
			'"'
		);
		expect(audit).toContain('settings-activation');
		// jsonb orders the keys: new before old
		expect(audit).toContain('{"new":{"activationLevel":3},"old":{"activationLevel":2}}');
	});

	it('lets an admin rename the EOC and change the stale threshold', async () => {
		const admin = await as('admin');
		const r = await admin.post('/console/settings?/eoc', {
			eocName: 'Кӯлоб ММАФ',
			staleAfterMin: '15'
		});
		expect(r.status).toBe(200);
		await stream.waitFor(
			(e) => e.event === 'settings' && (JSON.parse(e.data) as SettingsView).eocName === 'Кӯлоб ММАФ'
		);
		const bad = await admin.post('/console/settings?/eoc', { eocName: ' ', staleAfterMin: '0' });
		expect(bad.status).toBe(400);
		// The level set before is kept: one part of the settings does not undo another.
		expect(events<SettingsView>('settings').at(-1)).toMatchObject({
			activationLevel: 3,
			staleAfterMin: 15
		});
	});

	it('takes an overfull shelter from an operator and shows it', async () => {
		const op = await as('operator');
		const r = await op.post('/console/settings?/shelter', { id: 'school-53', occupancy: '430' });
		expect(r.status).toBe(200);
		const ev = await stream.waitFor(
			(e) => e.event === 'shelter' && (JSON.parse(e.data) as ShelterView).occupancy === 430
		);
		expect(JSON.parse(ev.data)).toMatchObject({ id: 'school-53', capacity: 400 });
		expect(testId(await (await op.get('/console/settings')).text(), 'overfull')).toContain(
			'OVER CAPACITY by 30'
		);
		expect(
			(await op.post('/console/settings?/shelter', { id: 'school-53', occupancy: '-1' })).status
		).toBe(400);
		expect(
			(await op.post('/console/settings?/shelter', { id: 'no-such', occupancy: '1' })).status
		).toBe(404);
	});

	it("takes a gauge's thresholds from an admin only, warning below danger", async () => {
		const op = await as('operator');
		const t = { id: 'kulob-rain', warning: '20', danger: '35,5' };
		expect((await op.post('/console/settings?/sensor', t)).status).toBe(403);
		const admin = await as('admin');
		const wrong = await admin.post('/console/settings?/sensor', { ...t, warning: '40' });
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('warning threshold must be below the danger threshold');
		expect((await admin.post('/console/settings?/sensor', t)).status).toBe(200);
		await stream.waitFor((e) => {
			const s = JSON.parse(e.data) as { id: string; warning: number; danger: number };
			return e.event === 'sensor' && s.id === 'kulob-rain' && s.warning === 20 && s.danger === 35.5;
		});
	});
});
