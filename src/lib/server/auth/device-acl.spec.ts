import { describe, expect, it } from 'vitest';
import { parseMessage, topics } from '$lib/contracts';
import {
	clientIdOwner,
	clientIdRefusal,
	deviceMaySubscribe,
	devicePublishRefusal
} from './device-acl';

const device = { username: 'kulob-rescue-1.abcd2345', teamId: 'kulob-rescue-1' };
const NOW = new Date('2026-05-07T03:00:00Z');
const ts = '2026-05-07T02:59:00Z';

function refusal(topic: string, payload: object) {
	const bytes = Buffer.from(JSON.stringify(payload));
	return devicePublishRefusal(topic, parseMessage(topic, bytes, NOW), device);
}

const report = (reporter: string) => ({
	msgId: 'r-1',
	ts,
	reporter,
	type: 'mudflow',
	severity: 3,
	lat: 37.9,
	lon: 69.78,
	title: 'Сел'
});

describe('what a device may publish', () => {
	it("its own team's position and status", () => {
		expect(refusal(topics.position(device.teamId), { msgId: 'p', ts, lat: 1, lon: 2 })).toBeNull();
		expect(
			refusal(topics.status(device.teamId), { msgId: 's', ts, status: 'on_scene' })
		).toBeNull();
	});

	it("its answer to its own team's tasking, not to another team's", () => {
		const ack = { msgId: 'a', ts, taskingId: 'tasking-1', answer: 'accepted' };
		expect(refusal(topics.taskingAck(device.teamId), ack)).toBeNull();
		const other = refusal(topics.taskingAck('kulob-rescue-2'), ack);
		expect(other?.reason).toBe('topic');
		expect(other?.detail).toContain(topics.taskingAck(device.teamId));
	});

	it("not another team's, nor a tasking (the EOC's to send), nor other families", () => {
		for (const topic of [
			topics.position('kulob-rescue-2'),
			topics.status('kulob-rescue-10'),
			topics.tasking(device.teamId),
			topics.sensorReading('g-1'),
			topics.hazardExtent('h-1'),
			topics.incidentUpdate('inc-1'),
			`eoc/v1/teams/${device.teamId}/position/extra`,
			`eoc/v1/teams/${device.teamId}/other`,
			'$SYS/broker/anything',
			'somewhere/else'
		]) {
			const r = refusal(topic, { msgId: 'x', ts, lat: 1, lon: 2 });
			expect(r?.reason, topic).toBe('topic');
			expect(r?.detail).toContain(`may publish only to ${topics.position(device.teamId)}`);
		}
	});

	it('an incident report in its own team name, not in another team name or as the public', () => {
		expect(refusal(topics.incidentReport(), report(device.teamId))).toBeNull();
		expect(refusal(topics.incidentReport(), report('kulob-rescue-2'))).toEqual({
			reason: 'sender',
			detail:
				'device kulob-rescue-1.abcd2345 of team kulob-rescue-1 may not report as "kulob-rescue-2"'
		});
		expect(refusal(topics.incidentReport(), report('public'))?.reason).toBe('sender');
	});

	it('leaves an invalid payload on an allowed topic to its own rejection reason', () => {
		expect(refusal(topics.position(device.teamId), { msgId: 'p', ts, lat: 91, lon: 2 })).toBeNull();
		expect(refusal(topics.incidentReport(), { reporter: 'kulob-rescue-2' })).toBeNull();
	});
});

describe('what a device may publish on the adapter topics (docs/interop.md)', () => {
	const fix = { _type: 'location', lat: 37.9, lon: 69.78, tst: 1778122740 };

	it('OwnTracks under its own username, on the device topic and its subtopics', () => {
		expect(refusal(`owntracks/${device.username}/phone`, fix)).toBeNull();
		expect(refusal(`owntracks/${device.username}/phone/event`, fix)).toBeNull();
	});

	it("not OwnTracks under another username, nor outside the app's topic shape", () => {
		for (const topic of [
			'owntracks/kulob-rescue-2.zzzz2345/phone',
			`owntracks/${device.username}`,
			`owntracks/${device.username}/phone/event/extra`
		]) {
			const r = refusal(topic, fix);
			expect(r?.reason, topic).toBe('topic');
			expect(r?.detail).toContain(`owntracks/${device.username}/{device}`);
		}
	});

	it('Meshtastic JSON from any gateway (it relays its whole mesh), nothing else under msh/', () => {
		const packet = { id: 1, from: 1, to: 4294967295, type: 'text', payload: { text: 'hi' } };
		expect(refusal('msh/EU_868/2/json/LongFast/!a1b2c3d4', packet)).toBeNull();
		expect(refusal('msh/EU_868/2/e/LongFast/!a1b2c3d4', packet)?.reason).toBe('topic');
	});
});

describe("what a device may publish for its team's resources", () => {
	// exc-1 is operated by the device's team, exc-2 by another, exc-3 by none.
	const teams: Record<string, string> = { 'exc-1': device.teamId, 'exc-2': 'kulob-rescue-2' };
	const teamOf = (id: string) => teams[id] ?? null;
	const status = { msgId: 'rs', ts, status: 'en_route', lat: 37.9, lon: 69.78 };
	const publish = (id: string, body: object = status) => {
		const topic = topics.resourceStatus(id);
		const bytes = Buffer.from(JSON.stringify(body));
		return devicePublishRefusal(topic, parseMessage(topic, bytes, NOW), device, teamOf);
	};

	it('the status of a resource its team operates, even an invalid one (dead-lettered on its own)', () => {
		expect(publish('exc-1')).toBeNull();
		expect(publish('exc-1', { msgId: 'rs', ts, status: 'flying' })).toBeNull();
	});

	it("not another team's resource, nor one of no team, nor any resource's tasking", () => {
		expect(publish('exc-2')).toEqual({
			reason: 'topic',
			detail:
				'device kulob-rescue-1.abcd2345 of team kulob-rescue-1 may not report for resource ' +
				'exc-2: it is operated by team kulob-rescue-2'
		});
		expect(publish('exc-3')?.detail).toContain('exc-3: it is operated by no team');
		// Without the lookup (no resources known) every resource is refused.
		expect(refusal(topics.resourceStatus('exc-1'), status)?.reason).toBe('topic');
		const tasking = topics.resourceTasking('exc-1');
		const bytes = Buffer.from(JSON.stringify({ msgId: 't', ts, requestId: 'q-1', message: 'go' }));
		expect(
			devicePublishRefusal(tasking, parseMessage(tasking, bytes, NOW), device, teamOf)?.reason
		).toBe('topic');
	});

	it("reads the taskings of its team's resources only", () => {
		expect(deviceMaySubscribe(topics.resourceTasking('exc-1'), device.teamId, teamOf)).toBe(true);
		for (const filter of [
			topics.resourceTasking('exc-2'),
			topics.resourceTasking('exc-3'),
			topics.resourceStatus('exc-1'),
			'eoc/v1/resources/+/tasking',
			'eoc/v1/resources/#'
		])
			expect(deviceMaySubscribe(filter, device.teamId, teamOf), filter).toBe(false);
	});
});

describe('what a device may subscribe to', () => {
	it("its own team's taskings and refusals only", () => {
		expect(deviceMaySubscribe(topics.tasking(device.teamId), device.teamId)).toBe(true);
		expect(deviceMaySubscribe(topics.refused(device.teamId), device.teamId)).toBe(true);
		for (const filter of [
			topics.tasking('kulob-rescue-2'),
			topics.refused('kulob-rescue-2'),
			'eoc/v1/teams/+/refused',
			'eoc/v1/teams/+/tasking',
			'eoc/v1/#',
			'#',
			`eoc/v1/teams/${device.teamId}/#`
		])
			expect(deviceMaySubscribe(filter, device.teamId), filter).toBe(false);
	});
});

describe('client id binding', () => {
	const app = ['eocwall-ingest', 'eocwall-demo'];
	it("reserves a device's username (alone or with a suffix) and the app's own ids", () => {
		expect(clientIdOwner('kulob-rescue-1.abcd2345', app)).toEqual({
			username: 'kulob-rescue-1.abcd2345'
		});
		expect(clientIdOwner('kulob-rescue-1.abcd2345/phone', app)).toEqual({
			username: 'kulob-rescue-1.abcd2345'
		});
		expect(clientIdOwner('kulob-rescue-1.abcd2345-2', app)).toMatchObject({
			username: 'kulob-rescue-1.abcd2345'
		});
		expect(clientIdOwner('eocwall-ingest-tasking', app)).toBe('internal');
		expect(clientIdOwner('eocwall-demo-4242', app)).toBe('internal');
		// Not a username's shape, or not the app's prefix with its dash: nobody's in advance.
		expect(clientIdOwner('kulob-rescue-1.abcd2345x', app)).toBeNull();
		expect(clientIdOwner('eocwall-ingestor', app)).toBeNull();
		expect(clientIdOwner('tablet-1', app)).toBeNull();
	});

	it('lets only the owner, or the holder of the session, use a client id', () => {
		const me = { username: device.username };
		const other = { username: 'kulob-rescue-2.efgh2345' };
		expect(clientIdRefusal(`${device.username}/phone`, me, undefined, app)).toBeNull();
		expect(clientIdRefusal(`${device.username}/phone`, other, undefined, app)).toContain(
			`belongs to device ${device.username}`
		);
		expect(clientIdRefusal(device.username, 'internal', undefined, app)).not.toBeNull();
		expect(clientIdRefusal('eocwall-demo-1', me, undefined, app)).toContain("the app's own");
		expect(clientIdRefusal('eocwall-demo-1', 'internal', undefined, app)).toBeNull();
		expect(clientIdRefusal('tablet-1', other, undefined, app)).toBeNull();
		expect(clientIdRefusal('tablet-1', other, device.username, app)).toContain(
			'holds the session of another credential'
		);
		expect(clientIdRefusal('tablet-1', me, device.username, app)).toBeNull();
	});
});
