import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validExtent, validPosition, validReading, validReport } from '$lib/contracts/testing';
import type { IncidentView } from '$lib/live/types';
import { reportIncidentId } from '$lib/server/ingest/handlers/incidents';
import Papa from 'papaparse';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import { ROOT, startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { launch, ARTIFACTS } from './helpers/browser';
import { waitFor } from './helpers/ports';
import { bearer, displayState, seedPrincipals } from './helpers/principals';
import { SseClient } from './helpers/sse';

/**
 * Drills inside the running app (one app for the whole file, to keep CI lean): a drill's rows
 * never reach a real view or export (the stream, the REST reads, the exports, the console lists,
 * the sitrep), while a screen switched to the exercise sees exactly the drill's picture; what an
 * operator does in the drill's picture stays in it.
 */
describe(`drills in the app, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let mqttUrl: string;
	let op: FormClient;
	let sup: FormClient;
	let real: SseClient;
	let drill: SseClient;
	const RUN = Math.random().toString(36).slice(2, 8);
	const EX = `ex-${RUN}`;
	const SENDER = `sim-${RUN}`;
	// Every drill row carries this mark in its text, so a leak shows as the string anywhere.
	const MARK = `DRILLROW${RUN}`;
	const realTeam = `real-${RUN}`;
	const drillTeam = `drill-${RUN}`;
	const drillReportMsg = `rep-${RUN}`;
	// The ingest's dedup sender of a field report is its reporter team (contracts/parse.ts).
	const drillIncident = reportIncidentId(`team:${drillTeam}`, drillReportMsg);

	// The drill's injects as the engine records them (exercise_inject), delivered at known times:
	// the after-action report measures the operators' actions below against them.
	const T0 = Date.now();
	const ref = (msgId: string) => [
		{ family: 'incident_report', id: null, sender: `team:${drillTeam}`, msgId }
	];
	const INJECTS = [
		{ n: 1, kind: 'accept_report', effects: ref(drillReportMsg) },
		{ n: 2, kind: 'assign', effects: ref(drillReportMsg) },
		{ n: 3, kind: 'verify_event', effects: ref(drillReportMsg) },
		{ n: 4, kind: 'acknowledge', effects: ref(`unanswered-${RUN}`) },
		{ n: 5, kind: 'none', effects: [] },
		{ n: 6, kind: 'none', effects: [req(`${EX}-r6-0`)] }
	];
	// Requests of the drill: one scripted by inject 6, assigned after 90 s and delivered after
	// 10 min; one a player made ten minutes before, still open and past its needed-by time.
	function req(id: string) {
		return { family: 'resource_request', id, sender: `exercise:${EX}`, msgId: id };
	}
	const REQUESTS = [
		{
			id: `${EX}-r6-0`,
			status: 'delivered',
			at: 0,
			assigned: 90_000,
			delivered: 600_000,
			by: null
		},
		{
			id: `open-${RUN}`,
			status: 'approved',
			at: -600_000,
			assigned: null,
			delivered: null,
			by: -60_000
		}
	];
	async function seedExercise(env: Record<string, string>) {
		const d = await openDatabase({ DATABASE_URL: env.DATABASE_URL, PGLITE_DIR: env.PGLITE_DIR });
		try {
			await d.migrate(join(ROOT, 'drizzle'));
			await d.query(
				`insert into exercise (id, name, scenario, status, started_at, ended_at)
				values ($1, 'Kulob mudflow test', 'kulob-mudflow', 'running', $2, $3)`,
				[EX, new Date(T0), new Date(T0 + 3600_000)]
			);
			for (const i of INJECTS)
				await d.query(
					`insert into exercise_inject (exercise, number, scenario_sec, type, from_actor, to_player,
						message, expected_action, expected_kind, effects, delivered_at)
					values ($1, $2, $3, 'expected_action', 'Kulob rescue unit', 'EOC', $4, $5, $6,
						($7::text)::jsonb, $8)`,
					[
						EX,
						i.n,
						i.n * 600,
						`Inject ${i.n}`,
						`Do ${i.kind}`,
						i.kind,
						JSON.stringify(i.effects),
						new Date(T0)
					]
				);
			const at = (ms: number | null) => (ms === null ? null : new Date(T0 + ms));
			for (const r of REQUESTS)
				await d.query(
					`insert into resource_request (id, kind_id, quantity, place, priority, needed_by,
						requester_kind, requester, status, requested_at, assigned_at, delivered_at, exercise)
					values ($1, 'tent', 150, 'Vose', 'high', $2, 'district', $3, $4, $5, $6, $7, $8)`,
					[
						r.id,
						at(r.by),
						`${MARK} Hukumat of Vose`,
						r.status,
						at(r.at),
						at(r.assigned),
						at(r.delivered),
						EX
					]
				);
		} finally {
			await d.close();
		}
	}
	/** When an action ran: between the moment before the request and the moment after it. */
	const acted: Record<string, [number, number]> = {};
	async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
		const before = Date.now();
		const r = await f();
		acted[name] = [before, Date.now()];
		return r;
	}

	beforeAll(async () => {
		db = await freshDatabase();
		await seedPrincipals(db.env);
		await seedExercise(db.env);
		const env = await mqttEnv();
		mqttUrl = env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`;
		app = await startApp({ ...db.env, ...env });
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		sup = new FormClient(app.url);
		await sup.signIn(app.auth.users.supervisor.email, app.auth.users.supervisor.password);
		real = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		drill = new SseClient(`${app.url}/api/v1/stream?exercise=${EX}`, undefined, bearer(app.auth));
		await real.waitFor((e) => e.event === 'snapshot');
		await drill.waitFor((e) => e.event === 'snapshot');

		const client = await connect(mqttUrl, SENDER);
		const d = { exercise: EX };
		await publishAll(client, [
			{ topic: topics.position(realTeam), payload: JSON.stringify(validPosition()) },
			{
				topic: topics.incidentReport(),
				payload: JSON.stringify(validReport({ title: `Real report ${RUN}` }))
			},
			{ topic: topics.position(drillTeam), payload: JSON.stringify(validPosition(d)) },
			{
				topic: topics.incidentReport(),
				payload: JSON.stringify(
					validReport({
						...d,
						reporter: drillTeam,
						msgId: drillReportMsg,
						title: `${MARK} mud in Charmgaron`
					})
				)
			},
			{
				topic: topics.sensorReading(`gauge-${RUN}`),
				payload: JSON.stringify(validReading({ ...d, value: 312 }))
			},
			{ topic: topics.hazardExtent(`flow-${RUN}`), payload: JSON.stringify(validExtent(d)) }
		]);
		await end(client);
		await drill.waitFor((e) => e.event === 'hazard');
		await drill.waitFor((e) => e.event === 'incident' && e.data.includes(MARK));
		await real.waitFor((e) => e.event === 'team' && e.data.includes(realTeam));
	});
	afterAll(async () => {
		await real?.close();
		await drill?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	const leaks = (text: string) =>
		text.includes(EX) || text.includes(MARK) || text.includes(drillTeam);

	it('streams no drill row to a real screen, and only the drill to an exercise screen', async () => {
		const realText = real.events.map((e) => e.data).join('\n');
		expect(realText).toContain(realTeam); // the real stream is live, so its silence means something
		expect(leaks(realText)).toBe(false);
		const drillText = drill.events
			.filter((e) => e.event !== 'snapshot')
			.map((e) => e.data)
			.join('\n');
		expect(drillText).toContain(drillTeam);
		expect(drillText).toContain(MARK);
		expect(drillText).not.toContain(realTeam);
		expect(drillText).not.toContain(`Real report ${RUN}`);
		// A new real screen's snapshot, and an exercise screen's, after the fact.
		const fresh = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		const snap = await fresh.waitFor((e) => e.event === 'snapshot');
		await fresh.close();
		expect(snap.data).toContain(realTeam);
		expect(leaks(snap.data)).toBe(false);
		const freshDrill = new SseClient(
			`${app.url}/api/v1/stream?exercise=${EX}`,
			undefined,
			bearer(app.auth)
		);
		const drillSnap = await freshDrill.waitFor((e) => e.event === 'snapshot');
		await freshDrill.close();
		const s = JSON.parse(drillSnap.data);
		expect(s.teams.map((t: { id: string }) => t.id)).toEqual([drillTeam]);
		expect(s.hazards).toHaveLength(1);
		expect(s.sensors.map((x: { id: string }) => x.id)).toEqual([`gauge-${RUN}`]);
		expect(Object.keys(s.trails)).toEqual([drillTeam]);
		expect(Object.keys(s.series)).toEqual([`gauge-${RUN}`]);
		// A bad picture name is refused, not silently read as the real one.
		const bad = await app.fetch('/api/v1/stream?exercise=no%20such');
		expect(bad.status).toBe(400);
	});

	it('keeps drill rows out of the REST reads and the exports, unless the exercise is asked', async () => {
		for (const path of ['teams', 'incidents?closed=true', 'sensors', 'hazards']) {
			const body = await (await app.fetch(`/api/v1/${path}`)).text();
			expect(leaks(body), path).toBe(false);
			const sep = path.includes('?') ? '&' : '?';
			const asked = await app.getJson<{ exercise: string | null }[]>(
				`/api/v1/${path}${sep}exercise=${EX}`
			);
			expect(asked.length, path).toBeGreaterThan(0);
			expect(
				asked.every((r) => r.exercise === EX),
				path
			).toBe(true);
		}
		for (const file of ['incidents.geojson', 'incidents.csv', 'teams.geojson', 'teams.csv']) {
			const r = await app.fetch(
				`/api/v1/export/${file}?${file.startsWith('inc') ? 'closed=true' : ''}`
			);
			expect(r.status, file).toBe(200);
			const body = await r.text();
			expect(body, file).toContain(file.startsWith('inc') ? `Real report ${RUN}` : realTeam);
			expect(leaks(body), file).toBe(false);
		}
	});

	it("shows the console's lists and the sitrep of the real picture, or of the drill's when switched", async () => {
		for (const path of ['/console', '/console/log', '/console/sitrep']) {
			const html = await (await op.get(path)).text();
			expect(leaks(html), path).toBe(false);
			expect(testId(html, 'picture-exercise'), path).toBe('');
		}
		expect(await (await op.get('/console')).text()).toContain(`Real report ${RUN}`);
		// Switched: remembered for the next pages, under the banner, the drill's rows only.
		const switched = await (await op.get(`/console?exercise=${EX}`)).text();
		expect(switched).toContain(MARK);
		expect(switched).not.toContain(`Real report ${RUN}`);
		expect(testId(switched, 'picture-exercise')).toContain(EX);
		const next = await (await op.get('/console/sitrep')).text();
		expect(testId(next, 'picture-exercise')).toContain(EX);
		expect(testId(next, 'sitrep-exercise')).not.toBe('');
		// The drill's open request, overdue, and the oldest (the delivered one is not open).
		expect(testId(next, 'sitrep-requests-open')).toBe('Open: 1');
		expect(testId(next, 'sitrep-requests-overdue')).toBe('Overdue (past needed-by): 1');
		expect(testId(next, 'sitrep-request-oldest')).toContain(`${MARK} Hukumat of Vose`);
	});

	it("keeps what operators do in the drill's picture inside it", async () => {
		const accept = await timed('accept', () => op.post(`/console?/accept`, { id: drillIncident }));
		expect(accept.status).toBe(200);
		// A real team cannot be tasked to the drill's incident.
		const cross = await op.post(`/console/incidents/${drillIncident}?/assign`, {
			teamId: realTeam,
			message: 'Go'
		});
		expect(cross.status).toBe(409);
		const assign = await timed('assign', () =>
			op.post(`/console/incidents/${drillIncident}?/assign`, { teamId: drillTeam, message: 'Go' })
		);
		expect(assign.status).toBe(200);
		const post = await op.post('/console/log?/post', {
			text: `${MARK} bridge on Tebalay down`,
			incidentId: drillIncident,
			significant: 'on'
		});
		expect(post.status).toBe(200);
		// The supervisor, in the drill's picture, verifies it from the awaiting list.
		const awaiting = await (await sup.get(`/console/log?awaiting&exercise=${EX}`)).text();
		const entryId = awaiting.match(/name="id" value="(\d+)"/)?.[1] ?? '';
		expect(entryId).not.toBe('');
		const entry = { id: entryId };
		const verify = await timed('verify', () => sup.post('/console/log?/verify', { id: entry.id }));
		expect(verify.status).toBe(200);
		await drill.waitFor((e) => e.event === 'logEntry' && e.data.includes(MARK));
		// The real screen's stream and the real log never saw it.
		await op.get('/console?exercise=real');
		await sup.get('/console?exercise=real');
		expect(leaks(real.events.map((e) => e.data).join('\n'))).toBe(false);
		expect(leaks(await (await sup.get('/console/log')).text())).toBe(false);
		const incident = (await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${EX}`)).find(
			(i) => i.id === drillIncident
		);
		expect(incident?.status).toBe('open');
	});

	let trainer: FormClient;
	it('reports each expected action with the response time the scripted actions took', async () => {
		trainer = new FormClient(app.url);
		await trainer.signIn(app.auth.users.trainer.email, app.auth.users.trainer.password);
		const csv = await trainer.get(`/drills/${EX}/report.csv`);
		expect(csv.status).toBe(200);
		const rows = Papa.parse<Record<string, string>>(await csv.text(), {
			header: true,
			skipEmptyLines: true
		}).data;
		// Inject 5 expected nothing: it is not in the report.
		expect(rows.map((r) => r.inject)).toEqual(['1', '2', '3', '4']);
		const within = (row: Record<string, string>, action: string) => {
			const [before, after] = acted[action];
			const s = Number(row.response_s);
			expect(row.outcome, action).toBe('done');
			expect(s, action).toBeGreaterThanOrEqual(Math.floor((before - T0) / 1000));
			expect(s, action).toBeLessThanOrEqual(Math.ceil((after - T0) / 1000));
		};
		within(rows[0], 'accept');
		within(rows[1], 'assign');
		within(rows[2], 'verify');
		expect(rows[3]).toMatchObject({ outcome: 'missed', acted_at: '', response_s: '' });
		expect(rows[0].actor).toBe(app.auth.users.operator.email);

		const page = await trainer.get(`/drills/${EX}/report`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('data-testid="report-timeline"');
		expect([...html.matchAll(/data-outcome="(\w+)"/g)].map((x) => x[1])).toEqual([
			'done',
			'done',
			'done',
			'missed'
		]);
		const md = await (await sup.get(`/drills/${EX}/report.md`)).text();
		// The injects' table (a header and four rows), the requests' (a header and two rows) and
		// the taskings' (a header and the drill team's one, not answered).
		expect(md.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(10);
		const taskings = Papa.parse<Record<string, string>>(
			await (await trainer.get(`/drills/${EX}/report.csv?part=taskings`)).text(),
			{ header: true, skipEmptyLines: true }
		).data;
		expect(taskings.map((r) => [r.team, r.incident, r.answer, r.to_accept_s])).toEqual([
			[drillTeam, drillIncident, '', '']
		]);
		// The requests: from each to its assignment and delivery, scripted ones by their inject.
		const requests = Papa.parse<Record<string, string>>(
			await (await trainer.get(`/drills/${EX}/report.csv?part=requests`)).text(),
			{ header: true, skipEmptyLines: true }
		).data;
		expect(requests.map((r) => [r.request, r.inject, r.to_assign_s, r.to_deliver_s])).toEqual([
			[`open-${RUN}`, '', '', ''],
			[`${EX}-r6-0`, '6', '90', '600']
		]);
		expect(testId(html, 'report-request-median-assign')).toBe('1:30');
		expect((await trainer.get(`/drills/${EX}/report.csv?part=nope`)).status).toBe(400);
		// Supervisors and trainers read it; an operator does not.
		expect((await op.get(`/drills/${EX}/report`)).status).toBe(403);
		expect((await trainer.get(`/drills/no-such-${RUN}/report`)).status).toBe(404);
	});

	it('shows a wall switched to the drill under its banner, remembered; the real wall without it', async () => {
		const browser = await launch();
		try {
			const viewport = { width: 1920, height: 1080 };
			const wall = await browser.newPage({ viewport, storageState: displayState(app) });
			type Probe = { __eocwall: { live: { teams: Map<string, unknown> } } };
			const teams = () =>
				wall.evaluate(() => [...(window as unknown as Probe).__eocwall.live.teams.keys()]);
			await wall.goto(`${app.url}/wall?exercise=${EX}&test`);
			await wall.getByTestId('exercise-banner').waitFor();
			await waitFor('the drill team on the wall', async () => (await teams()).length > 0, 20_000);
			expect(await teams()).toEqual([drillTeam]);
			expect(await wall.getByTestId('exercise-banner').textContent()).toContain(EX);
			await wall.screenshot({ path: join(ARTIFACTS, 'drills-wall-exercise.png') });
			// Remembered by this screen, like its language.
			await wall.goto(`${app.url}/wall?test`);
			await wall.getByTestId('exercise-banner').waitFor();
			await waitFor('the drill team again', async () => (await teams()).length > 0, 20_000);
			expect(await teams()).toEqual([drillTeam]);
			// Back to the real picture: no banner, no drill row.
			await wall.goto(`${app.url}/wall?exercise=real&test`);
			await waitFor('the real team', async () => (await teams()).includes(realTeam), 20_000);
			expect(await teams()).not.toContain(drillTeam);
			expect(await wall.getByTestId('exercise-banner').count()).toBe(0);
			// A screen may fit its own area; one that is not an area is refused, and the screen says so.
			await wall.goto(`${app.url}/wall?area=69.8,37.9,69.7&test`);
			await wall.getByTestId('wall-area-bad').waitFor();
			expect(await wall.getByTestId('wall-area-bad').textContent()).toContain('?area=');
			await wall.goto(`${app.url}/wall?area=69.75,37.89,69.83,37.95&test`);
			await waitFor('the real team', async () => (await teams()).includes(realTeam), 20_000);
			expect(await wall.getByTestId('wall-area-bad').count()).toBe(0);

			const { hostname } = new URL(app.url);
			const session = trainer.cookies.get('eocwall_session') ?? '';
			const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			await ctx.addCookies([
				{ name: 'eocwall_session', value: session, domain: hostname, path: '/' }
			]);
			const report = await ctx.newPage();
			await report.goto(`${app.url}/drills/${EX}/report`);
			await report.getByTestId('report-timeline').waitFor();
			await report.screenshot({ path: join(ARTIFACTS, 'drills-report.png'), fullPage: true });
			await report.emulateMedia({ media: 'print' });
			await report.screenshot({ path: join(ARTIFACTS, 'drills-report-print.png'), fullPage: true });
		} finally {
			await browser.close();
		}
	});
});
