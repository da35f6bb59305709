import type { MqttClient } from 'mqtt';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import type { ResourceKindView, ResourceView } from '$lib/live/types';
import { DEFAULT_KINDS } from '$lib/server/entities/resource/kinds';
import { RESOURCE_IMPORT_COLUMNS } from '$lib/server/exports/resource-files';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient, testId } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';

const csv = (text: string) => Papa.parse<string[]>(text.trim()).data;

/**
 * The kinds of resource and the demo register through the running app (issue #15): the default
 * kinds written at the first start, the demo register, the read APIs and the exports, and the
 * admin screen's add, edit and delete, refusals included. A deleted default kind stays deleted
 * after a restart.
 */
describe(`resource kinds and the demo register, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let env: Record<string, string>;
	let app: RunningApp;
	let admin: FormClient;

	const start = async () => {
		app = await startApp({ ...db.env, ...env, EOC_SEED: 'demo' });
		admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
	};
	beforeAll(async () => {
		db = await freshDatabase();
		env = await mqttEnv();
		await start();
	});
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('writes the default kinds and the demo register, read by the API in the EOC order', async () => {
		const kinds = await app.getJson<ResourceKindView[]>('/api/v1/resource-kinds');
		expect(kinds.map((k) => k.id).slice(0, 3)).toEqual(['excavator', 'bulldozer', 'dump_truck']);
		expect(kinds).toHaveLength(18);
		expect(kinds.find((k) => k.id === 'water_pump')?.names.tg).toBe('Насоси обкашӣ');
		const supplies = await app.getJson<ResourceKindView[]>('/api/v1/resource-kinds?class=supply');
		expect(supplies.map((k) => k.id)).toEqual(
			DEFAULT_KINDS.filter((k) => k.class === 'supply').map((k) => k.id)
		);
		expect((await app.fetch('/api/v1/resource-kinds?class=vehicle')).status).toBe(400);

		const all = await app.getJson<ResourceView[]>('/api/v1/resources');
		expect(all.length).toBeGreaterThanOrEqual(35);
		expect(all.every((r) => r.demo && kinds.some((k) => k.id === r.kindId))).toBe(true);
		expect(new Set(all.map((r) => r.agency))).toEqual(
			new Set([
				'CoES Khatlon',
				'Hukumat of Kulob',
				'Hukumat of Vose',
				'Hukumat of Hamadoni',
				'Hukumat of Muminobod',
				'Hukumat of Temurmalik'
			])
		);
		// The two excavators the Kulob hukumat's request got, through the request lifecycle.
		const assigned = await app.getJson<ResourceView[]>('/api/v1/resources?status=assigned');
		expect(assigned.map((r) => [r.id, r.requestId])).toEqual([
			['coes-kl-exc-1', 'req-demo-excavators'],
			['coes-kl-exc-2', 'req-demo-excavators']
		]);
		const pumps = await app.getJson<ResourceView[]>('/api/v1/resources?kind=water_pump');
		expect(pumps.length).toBeGreaterThan(0);
		expect(pumps.every((r) => r.kindId === 'water_pump')).toBe(true);
		expect((await app.fetch('/api/v1/resources?status=lost')).status).toBe(400);
		expect((await app.fetch('/api/v1/resources?kind=a%20b')).status).toBe(400);
		expect((await app.fetch('/api/v1/resources?exercise=no%20such')).status).toBe(400);
		// A drill's picture holds none of the real register.
		expect(await app.getJson<ResourceView[]>('/api/v1/resources?exercise=kulob-drill')).toEqual([]);
	});

	it('exports the register, the requests and the stock', async () => {
		const res = await app.fetch('/api/v1/export/resources.csv');
		expect(res.headers.get('content-disposition')).toMatch(/-resources\.csv"$/);
		const rows = csv(await res.text());
		expect(rows[0].slice(0, 11)).toEqual([...RESOURCE_IMPORT_COLUMNS]);
		const gen = rows.find((r) => r[0] === 'kulob-gen-1') as string[];
		expect([gen[8], gen[9]]).toEqual(['', '']);
		const geo = await (await app.fetch('/api/v1/export/resources.geojson')).json();
		const f = (id: string) => geo.features.find((x: { id: string }) => x.id === id);
		expect(f('kulob-gen-1').geometry).toBeNull();
		expect(f('coes-kl-exc-1').geometry.type).toBe('Point');

		const req = await (await app.fetch('/api/v1/export/requests.geojson')).json();
		const excavators = req.features.find((x: { id: string }) => x.id === 'req-demo-excavators');
		// No point of its own: it stands at its incident, the landslide.
		expect(excavators.geometry.coordinates).toEqual([69.8595, 37.9862]);
		expect(excavators.properties.assigned).toBe('coes-kl-exc-1; coes-kl-exc-2');
		expect(csv(await (await app.fetch('/api/v1/export/requests.csv')).text())).toHaveLength(4);

		const stock = csv(await (await app.fetch('/api/v1/export/stock.csv')).text());
		expect(stock[0].slice(0, 6)).toEqual(['store', 'kind', 'quantity', 'unit', 'minimum', 'below']);
		const below = stock.filter((r) => r[5] === 'true').map((r) => r.slice(0, 5));
		expect(below).toEqual([['coes-kulob-wh', 'water', '3000', 'l', '5000']]);
		expect((await app.fetch('/api/v1/export/stock.geojson')).status).toBe(404);
		expect((await app.fetch('/api/v1/export/requests.csv?closed=maybe')).status).toBe(400);
	});

	it('an admin adds, edits and deletes a kind; a bad field or a kind in use is refused', async () => {
		const page = await (await admin.get('/admin/resource-kinds')).text();
		expect(page).toContain('data-kind="excavator"');
		const kind = {
			id: 'mobile_kitchen',
			name_en: 'Mobile kitchen',
			name_ru: 'Полевая кухня',
			name_tg: 'Ошхонаи сайёр',
			class: 'equipment',
			unit: 'unit',
			sort: '115'
		};
		const bad = await admin.post('/admin/resource-kinds?/add', { ...kind, unit: 'big bags' });
		expect(bad.status).toBe(400);
		expect((await bad.text()).match(/data-testid="kind-problem" data-field="([^"]*)"/)?.[1]).toBe(
			'unit'
		);
		expect((await admin.post('/admin/resource-kinds?/add', kind)).status).toBe(200);
		const again = await admin.post('/admin/resource-kinds?/add', kind);
		expect(again.status).toBe(409);
		const added = await app.getJson<ResourceKindView[]>('/api/v1/resource-kinds');
		expect(added.find((k) => k.id === 'mobile_kitchen')).toMatchObject({
			names: { en: 'Mobile kitchen', ru: 'Полевая кухня', tg: 'Ошхонаи сайёр' },
			sort: 115
		});
		const edit = await admin.post('/admin/resource-kinds?/edit', {
			...kind,
			name_en: 'Field kitchen'
		});
		expect(edit.status).toBe(200);
		expect(
			(await app.getJson<ResourceKindView[]>('/api/v1/resource-kinds')).find(
				(k) => k.id === 'mobile_kitchen'
			)?.names.en
		).toBe('Field kitchen');

		// In use: never deleted, and the refusal counts what uses it.
		const used = await admin.post('/admin/resource-kinds?/delete', { id: 'excavator' });
		expect(used.status).toBe(409);
		expect(testId(await used.text(), 'kind-problem')).toMatch(
			/excavator is in use \(7 resources, 0 stock rows, 1 requests/
		);
		const toSupply = await admin.post('/admin/resource-kinds?/edit', {
			id: 'excavator',
			name_en: 'Excavator',
			class: 'supply',
			unit: 'unit',
			sort: '10'
		});
		expect(toSupply.status).toBe(409);

		const sse = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
		try {
			await sse.waitFor((e) => e.event === 'snapshot');
			expect(
				(await admin.post('/admin/resource-kinds?/delete', { id: 'mobile_kitchen' })).status
			).toBe(200);
			// An open wall is told to drop it.
			const removed = await sse.waitFor((e) => e.event === 'removed');
			expect(JSON.parse(removed.data)).toEqual({ kind: 'resourceKind', id: 'mobile_kitchen' });
		} finally {
			await sse.close();
		}
		// Stock alone keeps a kind too: no resource or request asks for sandbags, the stores hold them.
		const sandbag = await admin.post('/admin/resource-kinds?/delete', { id: 'sandbag' });
		expect(sandbag.status).toBe(409);
		expect(testId(await sandbag.text(), 'kind-problem')).toContain('(0 resources, 2 stock rows');
		expect(await (await admin.get('/admin/audit')).text()).toContain('resource-kind-delete');

		// A viewer does not edit the list.
		const viewer = new FormClient(app.url);
		await viewer.signIn(app.auth.users.viewer.email, app.auth.users.viewer.password);
		expect((await viewer.post('/admin/resource-kinds?/add', kind)).status).toBe(403);
	});
});

describe(`the default kinds on a database of its own, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let env: Record<string, string>;
	let app: RunningApp;
	afterAll(async () => {
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('are written at the first start; one an admin deleted is not written again', async () => {
		db = await freshDatabase();
		env = await mqttEnv();
		app = await startApp({ ...db.env, ...env });
		const first = await app.getJson<ResourceKindView[]>('/api/v1/resource-kinds');
		expect(first).toHaveLength(18);
		// No demo here: the register is empty, and the exports have their header alone.
		expect(await app.getJson<ResourceView[]>('/api/v1/resources')).toEqual([]);
		expect(csv(await (await app.fetch('/api/v1/export/resources.csv')).text())).toHaveLength(1);
		const admin = new FormClient(app.url);
		await admin.signIn(app.auth.users.admin.email, app.auth.users.admin.password);
		expect((await admin.post('/admin/resource-kinds?/delete', { id: 'boat' })).status).toBe(200);
		await app.kill('SIGTERM');
		app = await startApp({ ...db.env, ...env });
		const after = await app.getJson<ResourceKindView[]>('/api/v1/resource-kinds');
		expect(after.map((k) => k.id)).not.toContain('boat');
		expect(after).toHaveLength(17);
	});
});

describe(`a drill that names a kind the EOC lacks, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let pub: MqttClient;
	const EX = `kinds-${Math.random().toString(36).slice(2, 8)}`;
	afterAll(async () => {
		if (pub) await end(pub);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	it('registers its equipment, records the request not made, and the report says both', async () => {
		db = await freshDatabase();
		const env = await mqttEnv();
		app = await startApp({ ...db.env, ...env });
		pub = await connect(env.MQTT_URL ?? `mqtt://127.0.0.1:${env.MQTT_PORT}`, `sim-${EX}`);
		const ts = Date.now();
		const request = (id: string, kind: string) => ({
			id,
			kind,
			quantity: 2,
			requester: 'Hukumat of Vose',
			place: 'Vose'
		});
		const ref = (id: string) => ({
			family: 'resource_request',
			id,
			sender: `exercise:${EX}`,
			msgId: id
		});
		await publishAll(pub, [
			{
				topic: topics.exerciseState(EX),
				payload: JSON.stringify({
					msgId: `${EX}-s1`,
					ts: new Date(ts).toISOString(),
					exercise: EX,
					name: 'Kinds drill',
					scenario: 'kulob-mudflow',
					status: 'running',
					speed: 1,
					scenarioSec: 0,
					resources: [
						{ id: `${EX}-hoe`, kind: 'backhoe', name: 'Backhoe 1' },
						{ id: `${EX}-exc`, kind: 'excavator', name: 'Excavator 1' }
					]
				})
			},
			{
				topic: topics.exerciseInject(EX),
				payload: JSON.stringify({
					msgId: `${EX}-i1`,
					ts: new Date(ts + 1).toISOString(),
					exercise: EX,
					number: 1,
					scenarioSec: 60,
					type: 'contextual',
					from: 'Hukumat of Vose',
					to: 'EOC',
					message: 'Vose asks for two backhoes and two tents',
					effects: [ref(`${EX}-r1`), ref(`${EX}-r2`)],
					requests: [request(`${EX}-r1`, 'backhoe'), request(`${EX}-r2`, 'tent')]
				})
			}
		]);
		// Its equipment is there, the backhoe under its id.
		const drill = await waitFor('the drill equipment', async () => {
			const rows = await app.getJson<ResourceView[]>(`/api/v1/resources?exercise=${EX}`);
			return rows.length === 2 && rows;
		});
		expect(drill.map((r) => r.kindId).sort()).toEqual(['backhoe', 'excavator']);
		const trainer = new FormClient(app.url);
		await trainer.signIn(app.auth.users.trainer.email, app.auth.users.trainer.password);
		const html = await (await trainer.get(`/drills/${EX}/report?lang=en`)).text();
		// The tents were asked for; the backhoes were not, and the report says why.
		expect(testId(html, 'report-requests-not-made')).toContain(
			`${EX}-r1 (inject #1: There is no such resource kind.)`
		);
		expect(testId(html, 'report-requests-not-made')).not.toContain(`${EX}-r2`);
		expect(testId(html, 'report-unknown-kinds')).toContain(': backhoe.');
		const md = await (await trainer.get(`/drills/${EX}/report.md?lang=en`)).text();
		expect(md).toContain('There is no such resource kind.');
		expect(md).toContain(': backhoe.');
	});
});
