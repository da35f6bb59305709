import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { validExtent, validPosition, validReading, validReport } from '$lib/contracts/testing';
import type { IncidentView } from '$lib/live/types';
import { reportIncidentId } from '$lib/server/ingest/handlers/incidents';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { bearer } from './helpers/principals';
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

	beforeAll(async () => {
		db = await freshDatabase();
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
	});

	it("keeps what operators do in the drill's picture inside it", async () => {
		expect((await op.post(`/console?/accept`, { id: drillIncident })).status).toBe(200);
		// A real team cannot be tasked to the drill's incident.
		const cross = await op.post(`/console/incidents/${drillIncident}?/assign`, {
			teamId: realTeam,
			message: 'Go'
		});
		expect(cross.status).toBe(409);
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
		expect((await sup.post('/console/log?/verify', { id: entry.id })).status).toBe(200);
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
});
