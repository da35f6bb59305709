import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView } from '$lib/live/types';
import type { PlaceLabelRow, PlaceResult } from '$lib/places';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';

/**
 * Place search through the running app: the API finds the same town in every script and
 * spelling, refuses a bad query with a message and a caller without a session or token; the
 * console's new-incident form finds a place without JavaScript and its point fills the form.
 * An admin's places (/admin/places) and the named features of an uploaded reference layer are
 * found beside GeoNames' settlements, by any of their names in any script; the maps' labels
 * carry the settlements and the admin's villages.
 */
describe(`place search, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let op: FormClient;
	let admin: FormClient;
	const RUN = Math.random().toString(36).slice(2, 8);

	const places = (query: string) =>
		app.getJson<PlaceResult[]>(`/api/v1/places?${new URLSearchParams(query).toString()}`);

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('finds the same Kulob first for Кулоб, Kulob, Kulyab and Куляб, named in the language asked', async () => {
		const first = await Promise.all(
			['Кулоб', 'Kulob', 'Kulyab', 'Куляб'].map(async (q) => (await places(`q=${q}&lang=tg`))[0])
		);
		expect(first[0]).toMatchObject({ name: 'Кӯлоб', source: 'geonames', kind: 'district-centre' });
		expect(first[0].names).toEqual(expect.arrayContaining(['Kŭlob', 'Kulob', 'Куляб']));
		expect(first[0].lat).toBeCloseTo(37.915, 2);
		expect(first[0].lon).toBeCloseTo(69.785, 2);
		for (const p of first) expect(p.id).toBe(first[0].id);
		expect((await places('q=Kulob&lang=ru'))[0].name).toBe('Куляб');
	});

	it('finds Muminobod by its Latin and its Tajik name', async () => {
		const latin = (await places('q=Muminobod&lang=en'))[0];
		const tajik = (await places('q=Мӯъминобод&lang=en'))[0];
		expect(latin.name).toBe('Muminobod');
		expect(tajik.id).toBe(latin.id);
		expect((await places('q=Mu&limit=2')).length).toBeLessThanOrEqual(2);
	});

	it('answers a bad query with 400 and what is wrong', async () => {
		for (const [query, says] of [
			['', '`q` is required'],
			['q=%20', '`q` must not be empty'],
			['q=Kulob&limit=0', '`limit` must be from 1 to 50'],
			['q=Kulob&lang=de', '`lang` must be one of']
		]) {
			const r = await app.fetch(`/api/v1/places?${query}`);
			expect(r.status, query).toBe(400);
			expect(((await r.json()) as { message: string }).message, query).toContain(says);
		}
	});

	it('refuses a caller without a session or token', async () => {
		const r = await fetch(`${app.url}/api/v1/places?q=Kulob`, { redirect: 'manual' });
		expect(r.status).toBe(401);
		expect(await r.text()).not.toContain('Kŭlob');
	});

	it("fills the console's new incident from a place found without JavaScript", async () => {
		const found = await (await op.get(`/console?lang=en&place=Kulyab`)).text();
		expect(testId(found, 'place-results')).toContain('Kulob');
		const id = found.match(/data-place="([^"]+)"/)?.[1] ?? '';
		expect(id).toMatch(/^geonames:\d+$/);
		// The result's link picks it: the form comes back with the place's point and name.
		const pick = found.match(/href="(\?place=Kulyab&amp;pick=[^"]+)"/)?.[1].replace(/&amp;/g, '&');
		expect(pick).toBe(`?${new URLSearchParams({ place: 'Kulyab', pick: id }).toString()}`);
		const picked = await (await op.get(`/console${pick}`)).text();
		expect(testId(picked, 'place-chosen')).toContain('Kulob');
		const form = picked.slice(picked.indexOf('id="new-incident"'));
		expect(form).toMatch(/name="title"[^>]*value="Kulob"/);
		expect(form).toMatch(/name="lat"[^>]*value="37\.91459"/);
		expect(form).toMatch(/name="lon"[^>]*value="69\.78454"/);
		expect(form).toMatch(/name="place"[^>]*value="Kulob"/);
		expect(testId(await (await op.get('/console?place=Zzyzx')).text(), 'place-none')).not.toBe('');

		// The operator sends the form as filled: the incident stands at the place, named by it.
		const title = `Flood ${RUN}`;
		const sent = await op.post('/console?/create', {
			type: 'flood',
			severity: '3',
			title,
			lat: '37.91459',
			lon: '69.78454',
			place: ' Kulob '
		});
		expect(sent.status).toBe(200);
		const view = (await app.getJson<IncidentView[]>('/api/v1/incidents')).find(
			(i) => i.title === title
		);
		expect(view).toMatchObject({ lat: 37.91459, lon: 69.78454, place: 'Kulob' });
		// The console's list shows the place beside the title.
		const row = (await (await op.get('/console?lang=en')).text()).match(
			new RegExp(`data-incident="${view?.id}"[\\s\\S]*?</tr>`)
		)?.[0];
		expect(row).toContain(title);
		expect(testId(row ?? '', 'incident-place')).toContain('Kulob');
	});

	it("adds an admin's place that the search finds by an alternate name in another script", async () => {
		const name = `Tebalay bridge ${RUN}`;
		const added = await admin.post('/admin/places?/add', {
			name,
			altNames: `Пули Тебалай ${RUN}\nTebalai`,
			kind: 'bridge',
			point: '37.9541, 69.8312',
			population: ''
		});
		expect(added.status).toBe(200);
		expect(testId(await added.text(), 'place-saved')).toContain(name);
		// Typed in Latin, found by its Cyrillic name (and the other way round), at once.
		for (const q of [`Puli Tebalai ${RUN}`, `Тебалай бридж ${RUN}`]) {
			const [hit] = await places(`q=${q}`);
			expect(hit, q).toMatchObject({ name, source: 'admin', kind: 'bridge', lat: 37.9541 });
		}
		expect((await places(`q=Пули Тебалай ${RUN}&lang=ru`))[0].name).toBe(`Пули Тебалай ${RUN}`);
		const list = await (await admin.get('/admin/places?lang=en')).text();
		expect(list.slice(list.indexOf('data-testid="places"'))).toContain(name);

		// A bad place is refused with its field named, and nothing is added.
		const bad = await admin.post('/admin/places?/add', {
			name: `Nowhere ${RUN}`,
			kind: 'bridge',
			lat: '95',
			lon: '69.8'
		});
		expect(bad.status).toBe(400);
		const page = await bad.text();
		expect(page).toMatch(/data-testid="place-problem"[^>]*data-field="lat"/);
		expect(testId(page, 'place-problem')).toContain('Latitude');
		expect(await places(`q=Nowhere ${RUN}`)).toEqual([]);
		// An operator may not add places.
		const refused = await op.post('/admin/places?/add', {
			name: 'x',
			kind: 'bridge',
			point: '1,1'
		});
		expect(refused.status).toBe(403);

		const audit = await (await admin.get('/admin/audit?lang=en')).text();
		expect(audit).toContain('place-add');
		expect(audit).toContain('place-refused');

		// An admin's village is named on the maps; its bridge is not.
		await admin.post('/admin/places?/add', {
			name: `Deh ${RUN}`,
			kind: 'village',
			lat: '37.99',
			lon: '69.9'
		});
		const labels = await app.getJson<PlaceLabelRow[]>('/api/v1/places/labels');
		expect(labels.find((l) => l.names.en === 'Kulob')?.names).toMatchObject({ ru: 'Куляб' });
		expect(labels.some((l) => l.names.en === `Deh ${RUN}`)).toBe(true);
		expect(labels.some((l) => l.names.en === name)).toBe(false);
		// Sent compressed to a client that takes it (a wall on a slow link); the same rows.
		const packed = await app.fetch('/api/v1/places/labels', {
			headers: { 'accept-encoding': 'br' }
		});
		expect(packed.headers.get('content-encoding')).toBe('br');
		expect(await packed.json()).toEqual(labels);
	});

	it('finds a named feature of an uploaded reference layer by its name in another script', async () => {
		const fc = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { name: `Yakhsu ${RUN}`, 'name:ru': `Яхсу ${RUN}` },
					geometry: {
						type: 'LineString',
						coordinates: [
							[69.7, 37.8],
							[69.75, 37.85],
							[69.8, 37.9]
						]
					}
				}
			]
		};
		const body = new FormData();
		body.set('file', new Blob([JSON.stringify(fc)]), 'rivers.geojson');
		for (const [k, v] of Object.entries({ id: 'rivers', name: 'Rivers', kind: 'river' }))
			body.set(k, v);
		const r = await fetch(`${app.url}/admin/layers?/upload`, {
			method: 'POST',
			headers: { cookie: admin.cookieHeader, origin: app.url, accept: 'text/html' },
			body
		});
		expect(r.status).toBe(200);
		const [hit] = await places(`q=Яхсу ${RUN}`);
		expect(hit).toMatchObject({ name: `Yakhsu ${RUN}`, source: 'layer', kind: 'river' });
		expect([hit.lon, hit.lat]).toEqual([69.75, 37.85]);
	});
});
