import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView } from '$lib/live/types';
import type { PlaceResult } from '$lib/places';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';

/**
 * Place search through the running app: the API finds the same town in every script and
 * spelling, refuses a bad query with a message and a caller without a session or token; the
 * console's new-incident form finds a place without JavaScript and its point fills the form.
 */
describe(`place search, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let op: FormClient;
	const RUN = Math.random().toString(36).slice(2, 8);

	const places = (query: string) =>
		app.getJson<PlaceResult[]>(`/api/v1/places?${new URLSearchParams(query).toString()}`);

	beforeAll(async () => {
		db = await freshDatabase();
		app = await startApp({ ...db.env, ...(await mqttEnv()) });
		op = new FormClient(app.url);
		await op.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
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
});
