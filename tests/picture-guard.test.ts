/**
 * The picture guard against the built app (issue 12): an exercise-tagged message for a real team
 * or incident changes nothing real and is a dead letter `other_picture`, and the exercise's reset
 * leaves the real team on the real wall; a real message never changes a drill's incident; an
 * alert issued in a drill's picture is a CAP Exercise alert of that drill; a CAP Update or Cancel
 * replaces only an alert of its own sender and picture.
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCap, CAP_TOPIC, topics, type CapAlert } from '$lib/contracts';
import { validPosition, validReport, validUpdate } from '$lib/contracts/testing';
import { reportIncidentId } from '$lib/contracts/incident-id';
import type { IncidentView, TeamView } from '$lib/live/types';
import { cancelOf, issuedAlert, issueSchema } from '$lib/server/alerts/issue';
import { startApp, type RunningApp } from './helpers/app';
import { BACKEND, freshDatabase, mqttEnv, type TestDatabase } from './helpers/backend';
import { FormClient } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';

const RUN = randomBytes(3).toString('hex');
const EX = `guard-${RUN}`;
const REAL_TEAM = 'kulob-rescue-1'; // of the demo region, which stands for real data here
const REAL_INCIDENT = 'demo-flood-1';

interface DeadLetter {
	reason: string;
	detail: string;
	msgId: string | null;
	topic: string;
}

describe(`the picture guard against the app, on ${BACKEND}`, () => {
	let db: TestDatabase;
	let app: RunningApp;
	let pub: MqttClient;
	let operator: FormClient;

	beforeAll(async () => {
		db = await freshDatabase();
		const mqtt = await mqttEnv();
		app = await startApp({ ...db.env, ...mqtt, EOC_SEED: 'demo', EOC_DEMO_FEED: 'off' });
		pub = await connect(mqtt.MQTT_URL ?? `mqtt://127.0.0.1:${mqtt.MQTT_PORT}`);
		operator = new FormClient(app.url);
		await operator.signIn(app.auth.users.operator.email, app.auth.users.operator.password);
	});
	afterAll(async () => {
		if (pub) await end(pub);
		await app?.kill('SIGTERM');
		await db?.drop();
	});

	const send = (topic: string, body: unknown) =>
		publishAll(pub, [{ topic, payload: typeof body === 'string' ? body : JSON.stringify(body) }]);
	const deadLetter = (msgId: string) =>
		waitFor(`the dead letter of ${msgId}`, async () =>
			(await app.getJson<DeadLetter[]>('/api/v1/dead-letters?limit=1000')).find(
				(d) => d.msgId === msgId
			)
		);
	/** Everything published before has been ingested once this real probe team is on the wall. */
	async function settled(): Promise<void> {
		const probe = `probe-${RUN}-${randomBytes(2).toString('hex')}`;
		await send(topics.position(probe), validPosition());
		await waitFor(`probe ${probe}`, async () =>
			(await app.getJson<TeamView[]>('/api/v1/teams')).some((t) => t.id === probe)
		);
	}
	const realTeam = async () =>
		(await app.getJson<TeamView[]>('/api/v1/teams')).find((t) => t.id === REAL_TEAM);

	it("keeps a real team on the real wall after a drill's position for it and the drill's reset", async () => {
		const before = await realTeam();
		expect(before).toMatchObject({ id: REAL_TEAM, exercise: null });
		const msgId = `guard-pos-${RUN}`;
		await send(
			topics.position(REAL_TEAM),
			validPosition({ msgId, exercise: EX, lat: 38.1, lon: 70.1 })
		);
		const letter = await deadLetter(msgId);
		expect(letter).toMatchObject({ reason: 'other_picture', topic: topics.position(REAL_TEAM) });
		expect(letter.detail).toContain(`team ${REAL_TEAM} belongs to the real picture`);

		await send(topics.exerciseState(EX), {
			msgId: `guard-reset-${RUN}`,
			ts: new Date().toISOString(),
			exercise: EX,
			name: 'Guard drill',
			scenario: 'kulob-mudflow',
			status: 'reset',
			speed: 1,
			scenarioSec: 0
		});
		await settled();
		// Still real, where it was: neither moved nor retagged, nor deleted by the reset.
		const after = await realTeam();
		expect(after).toMatchObject({ exercise: null, lat: before?.lat, lon: before?.lon });
		const drill = await app.getJson<TeamView[]>(`/api/v1/teams?exercise=${EX}`);
		expect(drill.map((t) => t.id)).not.toContain(REAL_TEAM);
	});

	it("never lets a drill's update close a real incident, nor a real update edit a drill's", async () => {
		const closing = `guard-close-${RUN}`;
		await send(
			topics.incidentUpdate(REAL_INCIDENT),
			validUpdate({ msgId: closing, exercise: EX, status: 'closed' })
		);
		expect(await deadLetter(closing)).toMatchObject({ reason: 'other_picture' });
		const real = (await app.getJson<IncidentView[]>('/api/v1/incidents')).find(
			(i) => i.id === REAL_INCIDENT
		);
		expect(real?.status).not.toBe('closed');

		// A drill's report, then a real update naming its incident.
		const report = validReport({ msgId: `guard-report-${RUN}`, reporter: 'public', exercise: EX });
		const drillIncident = reportIncidentId('public', report.msgId as string);
		await send(topics.incidentReport(), report);
		await waitFor('the drill incident', async () =>
			(await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${EX}`)).some(
				(i) => i.id === drillIncident
			)
		);
		const editing = `guard-edit-${RUN}`;
		await send(
			topics.incidentUpdate(drillIncident),
			validUpdate({ msgId: editing, status: 'closed' })
		);
		expect(await deadLetter(editing)).toMatchObject({ reason: 'other_picture' });
		const drill = (await app.getJson<IncidentView[]>(`/api/v1/incidents?exercise=${EX}`)).find(
			(i) => i.id === drillIncident
		);
		expect(drill?.status).toBe('reported');
	});

	const feed = async (query: string) =>
		(await (await app.fetch(`/api/v1/export/cap${query}`)).text()).match(/urn:cap:[^<]+/g) ??
		([] as string[]);

	it("issues an alert in a drill's picture as a CAP Exercise alert of that drill, cancelled only there", async () => {
		const DRILL = `guard-cap-${RUN}`;
		expect((await operator.get(`/console?exercise=${DRILL}`)).status).toBe(200);
		const issued = await operator.post('/console/alerts?/issue', {
			headline: `Drill evacuation ${RUN}`,
			event: 'Mudflow',
			severity: 'Severe',
			urgency: 'Expected',
			certainty: 'Likely',
			instruction: '',
			incidentId: '',
			radiusKm: '2',
			polygon: '37.90,69.77 37.91,69.77 37.91,69.78 37.90,69.77',
			expiresHours: '6'
		});
		expect(issued.status).toBe(200);
		const [entry = ''] = await feed(`?exercise=${DRILL}`);
		expect(entry).not.toBe('');
		const id = entry.slice('urn:cap:'.length);
		expect(await feed('')).not.toContain(entry);
		const cap = await (await app.fetch(`/api/v1/export/cap?id=${encodeURIComponent(id)}`)).text();
		expect(cap).toContain('<status>Exercise</status>');
		expect(cap).not.toContain('<status>Actual</status>');
		expect(cap).toMatch(
			new RegExp(`<valueName>eocwall:exercise</valueName>\\s*<value>${DRILL}</value>`)
		);
		expect(cap).toContain(`<note>Exercise ${DRILL}.`);

		// From the real picture, the drill's alert cannot be cancelled; from the drill's it can.
		await operator.get('/console?exercise=real');
		expect((await operator.post('/console/alerts?/cancel', { id })).status).toBe(409);
		expect(await feed(`?exercise=${DRILL}`)).toContain(entry);
		await operator.get(`/console?exercise=${DRILL}`);
		expect((await operator.post('/console/alerts?/cancel', { id })).status).toBe(200);
		await waitFor('the drill alert cancelled', async () =>
			(await feed(`?exercise=${DRILL}`)).every((e) => e !== entry)
		);
		await operator.get('/console?exercise=real');
	});

	it('lets a CAP Update or Cancel replace only an alert of its own sender and picture', async () => {
		const form = issueSchema.parse({
			headline: `Real warning ${RUN}`,
			event: 'Flood',
			severity: 'Severe',
			urgency: 'Expected',
			certainty: 'Likely',
			polygon: '37.90,69.77 37.91,69.77 37.91,69.78 37.90,69.77',
			expiresHours: '6'
		});
		const now = new Date(Date.now() - 60_000);
		const sender = `hydromet-${RUN}@meteo.tj`;
		const original = issuedAlert(form, null, { sender, eocName: 'Hydromet', now, exercise: null });
		const key = `${sender},${original.identifier},${original.sent}`;
		await send(CAP_TOPIC, buildCap(original));
		await waitFor('the real warning', async () =>
			(await feed('?all=true')).includes(`urn:cap:${key}`)
		);

		const later = { now: new Date(now.getTime() + 10_000) };
		// Another sender's Cancel of it.
		const foreign: CapAlert = { ...cancelOf(original, later), sender: `prankster-${RUN}@x.tj` };
		// The same sender's Cancel, but of a drill (an Exercise Cancel naming a drill).
		const drillAlert = issuedAlert(form, null, { sender, eocName: 'Hydromet', now, exercise: EX });
		const drillCancel: CapAlert = {
			...cancelOf(drillAlert, later),
			references: [{ sender, identifier: original.identifier, sent: original.sent }]
		};
		await send(CAP_TOPIC, buildCap(foreign));
		await send(CAP_TOPIC, buildCap(drillCancel));
		const byId = async (identifier: string) =>
			waitFor(`the dead letter of ${identifier}`, async () =>
				(await app.getJson<DeadLetter[]>('/api/v1/dead-letters?limit=1000')).find((d) =>
					d.msgId?.startsWith(`${identifier},`)
				)
			);
		expect(await byId(foreign.identifier)).toMatchObject({ reason: 'other_sender' });
		expect(await byId(drillCancel.identifier)).toMatchObject({ reason: 'other_picture' });
		expect(await feed('?all=true')).toContain(`urn:cap:${key}`);

		// Its own sender's real Cancel takes it off.
		await send(CAP_TOPIC, buildCap(cancelOf(original, later)));
		await waitFor('the real warning cancelled', async () =>
			(await feed('?all=true')).every((e) => e !== `urn:cap:${key}`)
		);
	});
});
