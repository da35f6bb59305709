import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';

const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures', 'layers', 'places.geojson'));

/** A layer big enough to pass adapter-node's default 512 KiB body limit: 4,000 settlements. */
function bigLayer(): string {
	const features = Array.from({ length: 4000 }, (_, i) => ({
		type: 'Feature',
		properties: { name: `Деҳаи рақами ${i}`, 'name:en': `Village number ${i}`, population: i * 7 },
		geometry: { type: 'Point', coordinates: [69 + (i % 100) / 100, 37.5 + i / 4000] }
	}));
	return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Reference layers uploaded by an admin in the running app, as the CLI imports them. */
describe(`the admin's reference layers, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let admin: FormClient;

	async function upload(c: FormClient, file: Blob, name: string, fields: Record<string, string>) {
		const body = new FormData();
		body.set('file', file, name);
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		return fetch(`${app.url}/admin/layers?/upload`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: c.cookieHeader, origin: app.url, accept: 'text/html' },
			body
		});
	}

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('imports a GeoJSON file, lists it, and serves it to the wall', async () => {
		const r = await upload(admin, new Blob([FIXTURE]), 'places.geojson', {
			id: 'places',
			name: 'Places',
			kind: 'settlement',
			labelField: 'name'
		});
		expect(r.status).toBe(200);
		expect(testId(await r.text(), 'layer-imported')).toContain('Layer places imported: 4 features');
		const list = await app.getJson<{ id: string; featureCount: number }[]>('/api/v1/layers');
		expect(list.find((l) => l.id === 'places')?.featureCount).toBe(4);
		const page = await (await admin.get('/admin/layers')).text();
		expect(page).toContain('<code>places</code>');
	});

	it('takes a layer over 512 KiB, and names every problem of a bad file', async () => {
		const big = bigLayer();
		expect(big.length).toBeGreaterThan(600 * 1024);
		const r = await upload(admin, new Blob([big]), 'villages.geojson', {
			id: 'villages',
			name: 'Villages',
			kind: 'settlement'
		});
		expect(r.status).toBe(200);
		expect(testId(await r.text(), 'layer-imported')).toContain('4,000 features');

		const bad = await upload(
			admin,
			new Blob(['{"type":"FeatureCollection","features":[{}]}']),
			'x.geojson',
			{
				id: 'Bad Id',
				name: '',
				kind: 'volcano'
			}
		);
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(testId(html, 'layer-problem')).toContain('The file cannot be imported');
		expect(html).toContain('id: 1–64 lower-case letters');
		const none = await upload(admin, new Blob([]), 'empty.geojson', {
			id: 'e',
			name: 'E',
			kind: 'other'
		});
		expect(none.status).toBe(400);
	});

	it('deletes a layer; only an admin may do any of it', async () => {
		const r = await admin.post('/admin/layers?/delete', { id: 'villages' });
		expect(r.status).toBe(200);
		const list = await app.getJson<{ id: string }[]>('/api/v1/layers');
		expect(list.map((l) => l.id)).toEqual(['places']);
		expect((await admin.post('/admin/layers?/delete', { id: 'villages' })).status).toBe(404);
		const op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		expect(
			(await upload(op, new Blob([FIXTURE]), 'p.geojson', { id: 'p', name: 'P', kind: 'other' }))
				.status
		).toBe(403);
	});

	it('refuses a large body anywhere else, before reading it', async () => {
		const r = await fetch(`${app.url}/login`, {
			method: 'POST',
			headers: {
				origin: app.url,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json'
			},
			body: 'email=a%40b.org&password=' + 'x'.repeat(400 * 1024)
		});
		expect(r.status).toBe(413);
	});
});
