import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_INCIDENT, topics } from '$lib/contracts';
import { TEST_JPEG_BASE64 } from '$lib/contracts/photo-fixture';
import { validReport } from '$lib/contracts/testing';
import type { IncidentView } from '$lib/live/types';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

type DeadLetter = { topic: string; reason: string; detail: string; payloadBytes: number };

/**
 * A field report's photo end to end: over MQTT into the report's transaction (once, however often
 * it is delivered), served to an operator by /console/photos/[id] with headers that keep it an
 * image, refused at the boundary when too big or not what it says, bounded per incident, and
 * moved with a report merged into another incident.
 */
describe(`incident photos, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let pub: MqttClient;
	let op: FormClient;
	const RUN = Math.random().toString(36).slice(2, 8);
	const team = `ph-${RUN}`;
	const JPEG = Buffer.from(TEST_JPEG_BASE64, 'base64');
	const photo = { type: 'image/jpeg', data: TEST_JPEG_BASE64 };

	const incidents = () => app.getJson<IncidentView[]>('/api/v1/incidents?closed=true');
	const byTitle = async (title: string) => (await incidents()).find((i) => i.title === title);
	const report = (title: string, over: Record<string, unknown> = {}) =>
		JSON.stringify(validReport({ title, reporter: team, photo, ...over }));
	const send = (...payloads: string[]) =>
		publishAll(
			pub,
			payloads.map((payload) => ({ topic: topics.incidentReport(), payload }))
		);
	const stored = (title: string) =>
		waitFor(`report "${title}"`, async () => (await byTitle(title)) ?? null);

	beforeAll(async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		app = await startApp({ ...db.env, ...env });
		pub = await connect(env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`);
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
	});
	afterAll(async () => {
		if (pub) await end(pub);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	let photoId = '';
	it('stores a report with its photo once, however often it is delivered', async () => {
		const title = `Landslide with a photo ${RUN}`;
		const twice = report(title);
		await send(twice, twice);
		// A report sent after both: once it is stored, so is everything before it.
		await send(report(`After the photo ${RUN}`, { photo: undefined }));
		await stored(`After the photo ${RUN}`);
		const view = await stored(title);
		expect(view.photos).toHaveLength(1);
		expect(view.photos[0]).toMatchObject({ reporter: team, ts: expect.any(String) });
		photoId = view.photos[0].id;
		expect(photoId).toMatch(/^[0-9a-f]{16}$/);
		expect((await byTitle(`After the photo ${RUN}`))?.photos).toEqual([]);
		const none = await (
			await op.get(`/console/incidents/${(await byTitle(`After the photo ${RUN}`))!.id}`)
		).text();
		expect(none).toContain('data-testid="no-photos"');
		const queue = await (await op.get('/console')).text();
		expect(queue).toContain(`data-photo="${photoId}"`);
	});

	it('serves the same bytes to an operator, as an image that cannot be anything else', async () => {
		const r = await op.get(`/console/photos/${photoId}`);
		expect(r.status).toBe(200);
		expect(Buffer.from(await r.arrayBuffer()).equals(JPEG)).toBe(true);
		expect(r.headers.get('content-type')).toBe('image/jpeg');
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
		expect(r.headers.get('cache-control')).toBe('private, max-age=86400, immutable');
		expect((await op.get('/console/photos/0123456789abcdef')).status).toBe(404);
		expect((await op.get('/console/photos/not-a-photo')).status).toBe(404);
	});

	it('refuses the photo without a session', async () => {
		const r = await fetch(`${app.url}/console/photos/${photoId}`, { redirect: 'manual' });
		expect([302, 303, 401, 403]).toContain(r.status);
		expect(r.headers.get('content-type') ?? '').not.toContain('image/');
		if (r.status >= 300 && r.status < 400) expect(r.headers.get('location')).toMatch(/\/login/);
	});

	it('dead-letters a report whose photo is too big or not what it says, with the reason', async () => {
		const big = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0x41);
		big.set([0xff, 0xd8, 0xff]);
		const tooBig = `Too big a photo ${RUN}`;
		const mislabelled = `A JPEG said to be a PNG ${RUN}`;
		await send(
			report(tooBig, { photo: { type: 'image/jpeg', data: big.toString('base64') } }),
			report(mislabelled, { photo: { type: 'image/png', data: TEST_JPEG_BASE64 } })
		);
		const letters = await waitFor('two dead letters', async () => {
			const all = await app.getJson<DeadLetter[]>('/api/v1/dead-letters?reason=schema');
			const ours = all.filter((l) => l.topic === topics.incidentReport());
			return ours.length >= 2 ? ours : null;
		});
		expect(letters.map((l) => l.detail).sort()).toEqual([
			'photo.data: photo bytes are not image/png',
			`photo.data: photo is ${MAX_PHOTO_BYTES + 1} bytes, limit ${MAX_PHOTO_BYTES}`
		]);
		expect(Math.max(...letters.map((l) => l.payloadBytes))).toBeGreaterThan(MAX_PHOTO_BYTES);
		expect(await byTitle(tooBig)).toBeUndefined();
		expect(await byTitle(mislabelled)).toBeUndefined();
	});

	it('moves photos with a merged report, up to the bound, and records what stayed', async () => {
		const titles = Array.from(
			{ length: MAX_PHOTOS_PER_INCIDENT + 1 },
			(_, k) => `Mudflow photo ${k} ${RUN}`
		);
		await send(...titles.map((t) => report(t)));
		const ids = [];
		for (const t of titles) ids.push((await stored(t)).id);
		const [target, ...reports] = ids;
		expect((await op.post('/console?/accept', { id: target })).status).toBe(200);
		for (const id of reports)
			expect((await op.post('/console?/merge', { id, into: target })).status).toBe(200);

		const all = await incidents();
		const of = (id: string) => all.find((i) => i.id === id)!;
		expect(of(target).photos).toHaveLength(MAX_PHOTOS_PER_INCIDENT);
		// The first nine merged moved theirs; the last found the incident full and kept its own.
		for (const id of reports.slice(0, -1)) expect(of(id).photos).toEqual([]);
		const last = reports[reports.length - 1];
		expect(of(last).photos).toHaveLength(1);
		expect(of(last).status).toBe('closed');

		const page = await (await op.get(`/console/incidents/${target}`)).text();
		expect(page).toContain('data-testid="incident-photos"');
		expect(page.match(/data-photo="/g)).toHaveLength(MAX_PHOTOS_PER_INCIDENT);
		// Who sent it and when, in Dushanbe time with UTC beside it
		expect(page).toMatch(
			new RegExp(
				`alt="Photo from ${team}, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(\\d\\d:\\d\\d UTC\\)"`
			)
		);
		const bare = await (await op.get(`/console/incidents/${of(last).id}`)).text();
		expect(bare).toContain('data-photo="');
		// The history says where each photo went: nine moved here, one kept with its report.
		expect(page.match(/Photos moved here: 1/g)).toHaveLength(MAX_PHOTOS_PER_INCIDENT - 1);
		expect(page.match(/Photos over the limit of 10, kept with the report: 1/g)).toHaveLength(1);
	});

	it("goes with a drill's reset", async () => {
		const EX = `photo-drill-${RUN}`;
		const state = (status: string) =>
			JSON.stringify({
				msgId: `${EX}-${status}`,
				ts: new Date().toISOString(),
				exercise: EX,
				name: 'Photo drill',
				scenario: 'kulob-mudflow',
				status,
				speed: 1,
				scenarioSec: 0
			});
		const drillIncidents = () =>
			app.getJson<IncidentView[]>(`/api/v1/incidents?closed=true&exercise=${EX}`);
		await publishAll(pub, [{ topic: topics.exerciseState(EX), payload: state('running') }]);
		const title = `A drill's report with a photo ${RUN}`;
		await send(report(title, { exercise: EX }));
		const drill = await waitFor(
			"the drill's report",
			async () => (await drillIncidents()).find((i) => i.title === title) ?? null
		);
		expect(drill).toMatchObject({ exercise: EX, photos: [{ reporter: team }] });
		const url = `/console/photos/${drill.photos[0].id}`;
		expect((await op.get(url)).status).toBe(200);
		await publishAll(pub, [{ topic: topics.exerciseState(EX), payload: state('reset') }]);
		await waitFor('the reset', async () => ((await drillIncidents()).length === 0 ? true : null));
		expect((await op.get(url)).status).toBe(404);
	});
});
