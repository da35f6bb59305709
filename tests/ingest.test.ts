import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import {
	validPosition,
	validReading,
	validReport,
	validStatus,
	validUpdate
} from '$lib/contracts/testing';
import { MAX_PAYLOAD_BYTES, parseMessage } from '$lib/contracts';
import { writeBatch } from '$lib/server/ingest/batch';
import { reportIncidentId } from '$lib/server/ingest/handlers/incidents';
import { readTeams } from '$lib/server/entities/team/read';
import { readIncidents } from '$lib/server/entities/incident/read';
import type { LiveMessage } from '$lib/server/live/hub';
import { BACKEND } from './helpers/backend';
import { count, startInProcess, type InProcess } from './helpers/inprocess';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

const json = (v: unknown) => JSON.stringify(v);
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

describe(`ingest on ${BACKEND}`, () => {
	let app: InProcess;
	let pub: MqttClient;
	const live: LiveMessage[] = [];
	let unsubscribe = () => {};

	beforeAll(async () => {
		// The ingest's own size check (too_large) is tested here, so the embedded broker lets a
		// packet over it through; its own packet limit is tested in broker-edges.test.ts.
		app = await startInProcess({ MQTT_MAX_PACKET_BYTES: String(512 * 1024) });
		pub = await connect(app.mqttUrl);
		unsubscribe = await app.services.hub.subscribe({ send: (m) => live.push(m) }, null);
	});
	afterAll(async () => {
		unsubscribe();
		await end(pub);
		await app.stop();
	});

	const team = async (id: string) => (await readTeams(app.services.db)).find((t) => t.id === id);

	it('stores a position, moves the team and streams the change', async () => {
		await publishAll(pub, [
			{ topic: topics.position('t-one'), payload: json(validPosition({ lat: 37.95, lon: 69.81 })) }
		]);
		const t = await waitFor('team t-one', async () => team('t-one'));
		expect(t).toMatchObject({ lat: 37.95, lon: 69.81 });
		const ev = await waitFor('stream event', () =>
			live.find((m) => m.event === 'team' && (m.data as { id: string }).id === 't-one')
		);
		expect(ev.id).toBeGreaterThan(0);
		expect(live[0].event).toBe('snapshot');
	});

	it('stores a redelivered or duplicated message once', async () => {
		const payload = json(validPosition({ msgId: 'dup-1', lat: 37.9, lon: 69.7 }));
		const topic = topics.position('t-dup');
		await publishAll(
			pub,
			[1, 2, 3].map(() => ({ topic, payload }))
		);
		await waitFor('t-dup', async () => team('t-dup'));
		await publishAll(pub, [{ topic, payload }]);
		await waitFor(
			'idle',
			async () =>
				app.services.writer.size === 0 &&
				(await count(app.services, 'ingested_message', "sender = 'team:t-dup'")) === 1
		);
		expect(await count(app.services, 'team_position', "team_id = 't-dup'")).toBe(1);
	});

	it('sets aside a reused msgId carrying a different message, instead of dropping it as a duplicate', async () => {
		const topic = topics.position('t-reuse');
		const first = json(validPosition({ msgId: 'same', lat: 37.1, lon: 69.1 }));
		const other = json(validPosition({ msgId: 'same', lat: 37.2, lon: 69.2 }));
		await publishAll(pub, [{ topic, payload: first }]);
		await waitFor('first stored', async () => (await team('t-reuse'))?.lat === 37.1);
		await publishAll(pub, [{ topic, payload: other }]);
		const dl = await waitFor('reuse dead-lettered', async () => {
			const rows = await app.services.db.query<{ reason: string; detail: string }>(
				"select reason, detail from dead_letter where sender = 'team:t-reuse'"
			);
			return rows.length ? rows : null;
		});
		expect(dl).toEqual([
			{ reason: 'msgid_reused', detail: expect.stringContaining('"same" of team:t-reuse') }
		]);
		expect((await team('t-reuse'))?.lat).toBe(37.1);
	});

	it('never moves a team back for a late position or status', async () => {
		const topic = topics.position('t-late');
		await publishAll(pub, [
			{ topic, payload: json(validPosition({ ts: iso(1000), lat: 10, lon: 10 })) }
		]);
		await waitFor('t-late', async () => (await team('t-late'))?.lat === 10);
		await publishAll(pub, [
			{ topic, payload: json(validPosition({ ts: iso(60_000), lat: 20, lon: 20 })) }
		]);
		const st = topics.status('t-late');
		await publishAll(pub, [
			{
				topic: st,
				payload: json(
					validStatus({ ts: iso(1000), status: 'on_scene', lat: undefined, lon: undefined })
				)
			}
		]);
		await publishAll(pub, [
			{
				topic: st,
				payload: json(
					validStatus({ ts: iso(90_000), status: 'available', lat: undefined, lon: undefined })
				)
			}
		]);
		await waitFor(
			'all stored',
			async () => (await count(app.services, 'ingested_message', "sender = 'team:t-late'")) === 4
		);
		const t = await team('t-late');
		expect(t).toMatchObject({ lat: 10, lon: 10, status: 'on_scene' });
		// ...yet the late position is kept in the time series
		expect(await count(app.services, 'team_position', "team_id = 't-late'")).toBe(2);
	});

	it('turns a field report into a reported incident and applies updates by ts', async () => {
		const report = validReport({ title: 'Сел: <img src=x onerror=alert(1)>', severity: 3 });
		await publishAll(pub, [{ topic: topics.incidentReport(), payload: json(report) }]);
		const inc = await waitFor('incident', async () =>
			(await readIncidents(app.services.db)).find((i) => i.title === report.title)
		);
		expect(inc.status).toBe('reported');
		await publishAll(pub, [
			{
				topic: topics.incidentUpdate(inc.id),
				payload: json(validUpdate({ status: 'contained', casualties: { injured: 4 } }))
			},
			{
				topic: topics.incidentUpdate(inc.id),
				payload: json(validUpdate({ ts: iso(3_600_000), status: 'closed' }))
			}
		]);
		await waitFor(
			'updates logged',
			async () => (await count(app.services, 'incident_event', `incident_id = '${inc.id}'`)) === 3
		);
		const after = (await readIncidents(app.services.db, true)).find((i) => i.id === inc.id);
		expect(after?.status).toBe('contained');
		expect(after?.casualties.injured).toBe(4);
	});

	it('applies several updates to one incident in one batch in ts order, merging partial counts', async () => {
		const now = Date.now();
		const item = (topic: string, body: object) => {
			const payload = Buffer.from(json(body));
			return { topic, payload, receivedAt: new Date(), parsed: parseMessage(topic, payload) };
		};
		const report = validReport({ ts: now - 60_000, title: 'batch-order' });
		await app.services.db.transaction((tx) =>
			writeBatch(tx, [item(topics.incidentReport(), report)])
		);
		const inc = (await readIncidents(app.services.db)).find((i) => i.title === 'batch-order');
		expect(inc).toBeDefined();
		const up = (ts: number, b: object) =>
			item(
				topics.incidentUpdate(inc!.id),
				validUpdate({ ts, status: undefined, severity: undefined, note: undefined, ...b })
			);
		await app.services.db.transaction((tx) =>
			writeBatch(tx, [
				up(now - 20_000, { casualties: { dead: 2 } }),
				up(now - 30_000, { status: 'closed', casualties: { injured: 5 } }),
				up(now - 10_000, { casualties: { injured: 1 }, status: 'open' }),
				up(now - 90_000, { severity: 5 }) // older than the report: logged, not applied
			])
		);
		const after = (await readIncidents(app.services.db, true)).find((i) => i.id === inc!.id);
		expect(after).toMatchObject({
			status: 'open',
			severity: report.severity,
			casualties: { ...inc!.casualties, dead: 2, injured: 1 },
			updatedAt: new Date(now - 10_000).toISOString()
		});
		expect(await count(app.services, 'incident_event', `incident_id = '${inc!.id}'`)).toBe(5);
	});

	it('applies an update that follows its report in the same batch', async () => {
		const item = (topic: string, body: object) => {
			const payload = Buffer.from(json(body));
			return { topic, payload, receivedAt: new Date(), parsed: parseMessage(topic, payload) };
		};
		const report = validReport({ ts: Date.now() - 5_000, title: 'same-batch' });
		const id = reportIncidentId(`team:${report.reporter}`, report.msgId as string);
		const r = await app.services.db.transaction((tx) =>
			writeBatch(tx, [
				item(topics.incidentReport(), report),
				item(topics.incidentUpdate(id), validUpdate({ status: 'open', severity: 5 }))
			])
		);
		expect(r.outcomes.map((o) => o.outcome)).toEqual(['stored', 'stored']);
		const inc = (await readIncidents(app.services.db)).find((i) => i.id === id);
		expect(inc).toMatchObject({ status: 'open', severity: 5 });
	});

	it('dead-letters every invalid message with its reason and keeps going', async () => {
		const before = await count(app.services, 'dead_letter');
		const bad = [
			{ topic: topics.position('t-bad'), payload: 'not json', reason: 'not_json' },
			{
				topic: topics.position('t-bad'),
				payload: Buffer.from([0xff, 0xfe, 0x7b]),
				reason: 'not_utf8'
			},
			{
				topic: topics.position('t-bad'),
				payload: json(validPosition({ lat: 91 })),
				reason: 'schema'
			},
			{
				topic: 'eoc/v1/teams/t-bad/selfie',
				payload: json(validPosition()),
				reason: 'unknown_topic'
			},
			{
				topic: topics.position('t-bad'),
				payload: json(validPosition({ ts: new Date(Date.now() + 600_000).toISOString() })),
				reason: 'future_ts'
			},
			{
				topic: topics.position('t-bad'),
				payload: 'x'.repeat(MAX_PAYLOAD_BYTES + 1),
				reason: 'too_large'
			},
			{
				topic: topics.incidentUpdate('no-such-incident'),
				payload: json(validUpdate()),
				reason: 'unknown_incident'
			}
		];
		const good = { topic: topics.sensorReading('s-ok'), payload: json(validReading()) };
		await publishAll(pub, [...bad, good]);
		await waitFor(
			'dead letters',
			async () => (await count(app.services, 'dead_letter')) === before + bad.length
		);
		const rows = await app.services.db.query<{ reason: string; detail: string }>(
			'select reason, detail from dead_letter order by id desc limit $1',
			[bad.length]
		);
		expect(rows.map((r) => r.reason).sort()).toEqual(bad.map((b) => b.reason).sort());
		for (const r of rows) expect(r.detail.length).toBeGreaterThan(0);
		expect(await count(app.services, 'sensor', "id = 's-ok'")).toBe(1);
	});

	it('resumes a stream from Last-Event-ID with exactly the missed changes', async () => {
		const hub = app.services.hub;
		const first: LiveMessage[] = [];
		const off = await hub.subscribe({ send: (m) => first.push(m) }, null);
		const snapId = first[0].id;
		off(); // the browser goes away...
		const ids = ['r-a', 'r-b', 'r-c'];
		await publishAll(
			pub,
			ids.map((id) => ({ topic: topics.position(id), payload: json(validPosition()) }))
		);
		await waitFor('missed changes committed', async () => hub.cursor >= snapId + 3);
		const resumed: LiveMessage[] = [];
		const off2 = await hub.subscribe({ send: (m) => resumed.push(m) }, snapId);
		off2();
		expect(resumed.map((m) => m.event)).not.toContain('snapshot');
		expect(resumed.map((m) => (m.data as { id: string }).id)).toEqual(expect.arrayContaining(ids));
		// contiguous ids: nothing skipped
		const got = resumed.map((m) => m.id);
		expect(got[0]).toBe(snapId + 1);
		expect(got).toEqual(got.map((_, i) => snapId + 1 + i));
	});
});
