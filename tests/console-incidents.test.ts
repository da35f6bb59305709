import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskingPayloadSchema, topics } from '$lib/contracts';
import { validPosition, validReport } from '$lib/contracts/testing';
import type { IncidentView, TeamView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';

/**
 * The console's incidents through the running app, as an operator uses them: open an incident,
 * handle the field-report queue, assign a team (the tasking goes out on MQTT), edit and close.
 * Every change reaches the stream (so every wall) and the incident's history names who did it.
 */
describe(`the console's incidents, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let mqttUrl: string;
	let op: FormClient;
	let stream: SseClient;
	const RUN = Math.random().toString(36).slice(2, 8);
	const teamId = `ct-${RUN}`;

	const incident = async (id: string) =>
		(await app.getJson<IncidentView[]>('/api/v1/incidents?closed=true')).find((i) => i.id === id);
	const idsOf = (html: string, attr: string) =>
		[...html.matchAll(new RegExp(`data-${attr}="([^"]+)"`, 'g'))].map((x) => x[1]);

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		mqttUrl = env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`;
		app = await startApp({ ...db.env, ...env });
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		stream = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		await stream.waitFor((e) => e.event === 'snapshot');
	});
	afterAll(async () => {
		await stream?.close();
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	let created = '';
	it('opens an incident by coordinates; a bad field is a message and nothing is stored', async () => {
		const fields = {
			type: 'mudflow',
			severity: '4',
			title: `Mudflow in the Tebalay side valley ${RUN}`,
			lat: '137.93',
			lon: '69.79',
			dead: '0',
			injured: '2',
			missing: '1',
			trapped: '0',
			people: '40',
			households: '9',
			description: 'Mud over the lower street'
		};
		const bad = await op.post('/console?/create', fields);
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(testId(badHtml, 'console-problem')).toContain('Latitude is a number from -90 to 90');
		// What was typed comes back, so nothing is lost.
		expect(badHtml).toContain(`value="${fields.title}"`);
		const ok = await op.post('/console?/create', { ...fields, lat: '37.93' });
		expect(ok.status).toBe(200);
		const list = await (await op.get('/console')).text();
		created = idsOf(list, 'incident').find((id) => id.startsWith('i-')) ?? '';
		expect(created).toMatch(/^i-[0-9a-f]{12}$/);
		const view = await incident(created);
		expect(view).toMatchObject({
			status: 'open',
			severity: 4,
			acknowledged: true,
			casualties: { injured: 2, missing: 1 },
			affected: { people: 40, households: 9 },
			reporter: app.auth.users.operator.email
		});
		await stream.waitFor((e) => e.event === 'incident' && JSON.parse(e.data).id === created);
	});

	it('works the field-report queue: accept, reject with a reason, merge into an incident', async () => {
		const pub = await connect(mqttUrl);
		const titles = ['accept', 'reject', 'merge'].map((t) => `Report to ${t} ${RUN}`);
		await publishAll(
			pub,
			titles.map((title) => ({
				topic: topics.incidentReport(),
				payload: JSON.stringify(validReport({ title, reporter: teamId }))
			}))
		);
		await end(pub);
		const ids = await waitFor('the three reports in the queue', async () => {
			const html = await (await op.get('/console')).text();
			// Each report's id: the last data-report attribute before its title.
			const found = titles.map((t) => {
				const at = html.indexOf(t);
				return at < 0 ? '' : (idsOf(html.slice(0, at), 'report').pop() ?? '');
			});
			return found.every(Boolean) ? found : null;
		});
		const [accept, reject, merge] = ids;
		expect((await incident(accept))?.status).toBe('reported');

		expect((await op.post('/console?/accept', { id: accept })).status).toBe(200);
		expect((await incident(accept))?.status).toBe('open');
		const twice = await op.post('/console?/accept', { id: accept });
		expect(twice.status).toBe(409);
		expect(testId(await twice.text(), 'console-problem')).toContain('handled this report already');

		await op.post('/console?/reject', { id: reject, reason: 'same call as the landslide' });
		expect((await incident(reject))?.status).toBe('closed');

		const self = await op.post('/console?/merge', { id: merge, into: merge });
		expect(self.status).toBe(400);
		await op.post('/console?/merge', { id: merge, into: created });
		expect((await incident(merge))?.status).toBe('closed');
		const history = await (await op.get(`/console/incidents/${created}`)).text();
		expect(history).toContain('a field report was merged in');
		expect(history).toContain(titles[2]);
		const gone = await op.post('/console?/accept', { id: 'no-such-report' });
		expect(gone.status).toBe(404);
	});

	it('assigns a team: the team shows the incident and its tasking goes out on MQTT', async () => {
		const dev = await connect(mqttUrl);
		await publishAll(dev, [
			{ topic: topics.position(teamId), payload: JSON.stringify(validPosition()) }
		]);
		await waitFor('the team', async () =>
			(await app.getJson<TeamView[]>('/api/v1/teams')).some((t) => t.id === teamId)
		);
		const got: string[] = [];
		dev.on('message', (_t, p) => got.push(p.toString()));
		await dev.subscribeAsync(topics.tasking(teamId), { qos: 1 });

		const r = await op.post(`/console/incidents/${created}?/assign`, {
			teamId,
			message: 'Evacuate the lower street',
			priority: '1'
		});
		expect(r.status).toBe(200);
		expect(testId(await r.text(), 'console-done')).toContain('tasking sent');
		const team = (await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === teamId);
		expect(team?.incidentId).toBe(created);
		await waitFor('the tasking', () => got.length > 0, 10_000);
		const tasking = taskingPayloadSchema.parse(JSON.parse(got[0]));
		expect(tasking).toMatchObject({
			incidentId: created,
			message: 'Evacuate the lower street',
			priority: 1
		});
		await end(dev);
		const none = await op.post(`/console/incidents/${created}?/assign`, {
			teamId: '',
			message: ''
		});
		expect(none.status).toBe(400);
		expect(testId(await none.text(), 'console-problem')).toContain('Choose a team');
	});

	it('edits and closes: the history names who and when, the team is released', async () => {
		const base = {
			title: `Mudflow, Tebalay ${RUN}`,
			description: '',
			dead: '1',
			injured: '3',
			missing: '0',
			trapped: '0',
			people: '60',
			households: '12',
			note: ''
		};
		const r = await op.post(`/console/incidents/${created}?/update`, {
			...base,
			severity: '5',
			status: 'contained'
		});
		expect(r.status).toBe(200);
		expect(await incident(created)).toMatchObject({
			severity: 5,
			status: 'contained',
			casualties: { dead: 1 }
		});
		const closed = await op.post(`/console/incidents/${created}?/update`, {
			...base,
			severity: '5',
			status: 'closed',
			note: 'mud cleared'
		});
		expect(closed.status).toBe(200);
		expect((await incident(created))?.status).toBe('closed');
		const team = (await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === teamId);
		expect(team?.incidentId).toBeNull();
		const history = await (await op.get(`/console/incidents/${created}`)).text();
		for (const word of [
			'opened by an operator',
			'team assigned',
			'updated',
			'closed',
			'mud cleared'
		])
			expect(history).toContain(word);
		expect(history).toContain(app.auth.users.operator.email);
		// The audit log has every action, for an admin.
		const admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		const audit = await (await admin.get('/admin/audit')).text();
		for (const action of [
			'incident-create',
			'report-accept',
			'report-reject',
			'report-merge',
			'team-assign',
			'incident-update'
		])
			expect(audit).toContain(action);
	});

	it('reports the period as an ICS-209 summary and exports GeoJSON and CSV', async () => {
		const html = await (await op.get('/console/sitrep?hours=24')).text();
		expect(testId(html, 'sitrep-period')).toMatch(
			/^\d{4}-\d\d-\d\d \d\d:\d\d \(\d\d:\d\d UTC\) — /
		);
		// Closed within the period: still in the report, with its status.
		expect(html).toContain(`Mudflow, Tebalay ${RUN}`);
		const bad = await op.get('/console/sitrep?hours=0');
		expect(bad.status).toBe(400);

		const csv = await app.fetch('/api/v1/export/incidents.csv?closed=true');
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toMatch(
			/attachment; filename="eocwall-\d{8}T\d{4}Z-incidents\.csv"/
		);
		const text = await csv.text();
		expect(text.split('\r\n')[0]).toMatch(/^id,type,severity,status,title,/);
		expect(text).toContain(`${created},mudflow,5,closed,"Mudflow, Tebalay ${RUN}"`);
		const geo = await (await app.fetch('/api/v1/export/teams.geojson')).json();
		const f = geo.features.find((x: { id: string }) => x.id === teamId);
		expect(f.geometry.type).toBe('Point');
		// The resource exports (issue #15): a header even with nothing registered (no demo here).
		const resources = await app.fetch('/api/v1/export/resources.csv');
		expect(resources.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect((await resources.text()).split('\r\n')[0]).toBe(
			'id,kind,name,plate,agency,home_base,capability,status,lat,lon,team,' +
				'status_ts,position_ts,fuel_pct,request_id,exercise,demo'
		);
		const stock = await (await app.fetch('/api/v1/export/stock.csv')).text();
		expect(stock.split('\r\n')[0]).toMatch(/^store,kind,quantity,unit,minimum,below,/);
		for (const file of ['resources.geojson', 'requests.geojson'])
			expect(await (await app.fetch(`/api/v1/export/${file}`)).json()).toEqual({
				type: 'FeatureCollection',
				features: []
			});
		expect((await app.fetch('/api/v1/export/requests.csv?exercise=a b')).status).toBe(400);
		expect((await app.fetch('/api/v1/export/secrets.csv')).status).toBe(404);
		expect((await app.fetch('/api/v1/export/incidents.csv?closed=maybe')).status).toBe(400);
		// A wall screen shows the picture; it does not take the data away.
		const kiosk = await fetch(`${app.url}/api/v1/export/incidents.csv`, {
			headers: { cookie: `eocwall_display=${app.auth.display}` }
		});
		expect(kiosk.status).toBe(403);
		const kioskStock = await fetch(`${app.url}/api/v1/export/stock.csv`, {
			headers: { cookie: `eocwall_display=${app.auth.display}` }
		});
		expect(kioskStock.status).toBe(403);
	});

	it('refuses a viewer', async () => {
		const v = new FormClient(app.url);
		await v.signIn(app.auth.users.viewer.email, app.auth.users.viewer.password);
		const r = await v.post('/console?/create', { title: 'x' });
		expect(r.status).toBe(403);
	});
});
