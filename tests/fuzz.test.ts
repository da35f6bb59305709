import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '$lib/contracts';
import { messageArb } from '$lib/contracts/arbitraries';
import {
	nextMsgId,
	validPosition,
	validReading,
	validReport,
	validStatus
} from '$lib/contracts/testing';
import { BACKEND, REAL } from './helpers/backend';
import { count, startInProcess, type InProcess } from './helpers/inprocess';
import { startMosquitto, type Mosquitto } from './helpers/mosquitto';
import { connect, end, publishAll } from './helpers/mqtt';
import { waitFor } from './helpers/ports';
import { resourceStatus } from './helpers/resources';

const json = (v: unknown) => JSON.stringify(v);

// On the real backend this runs on a Mosquitto with the production config from docs/: the
// machine's own Mosquitto keeps Debian's defaults, which drop all but 1000 queued messages.
describe(`10,000 generated payloads on ${BACKEND}`, () => {
	let app: InProcess;
	let pub: MqttClient;
	let mosquitto: Mosquitto | null = null;

	beforeAll(async () => {
		if (REAL) mosquitto = await startMosquitto();
		app = await startInProcess(mosquitto ? { MQTT_URL: mosquitto.url } : {});
		pub = await connect(app.mqttUrl);
		// The register's resources that the generated statuses report for.
		for (let r = 0; r < 10; r++)
			await app.services.db.query(
				`insert into resource (id, kind_id, name) values ($1, 'excavator', $1)`,
				[`fz-r${r}`]
			);
	});
	afterAll(async () => {
		await end(pub);
		await app.stop();
		await mosquitto?.stop();
	});

	it('ingests 10,000 generated payloads: every valid one stored, every invalid one dead-lettered', async () => {
		const s = app.services;
		const dlBefore = await count(s, 'dead_letter');
		const stBefore = await count(s, 'ingested_message');
		const msgs: { topic: string; payload: string | Buffer }[] = [];
		let valid = 0;
		const hostile = [
			() => '{"__proto__":{"polluted":1},"msgId":"x","ts":0}',
			() => '['.repeat(5000),
			() => json({ msgId: 'a'.repeat(129), ts: Date.now(), lat: 1, lon: 1 }),
			() => json(validPosition({ lat: 'NaN' })),
			() => json(validReport({ type: 'meteor', lat: undefined })),
			() => Buffer.from([0xc3, 0x28]),
			() => json(validReading({ value: 0 })).replace('"value":0', '"value":1e400'),
			() => '',
			() => 'null',
			() => json(validStatus({ status: 'asleep', lat: 91 }))
		];
		// Resource statuses (#15): generated valid bodies (arbitraries.ts), in the real picture and
		// with fresh msgIds, for resources of the register; and malformed or misaddressed ones.
		const statuses = fc.sample(messageArb('resource_status'), { numRuns: 1200, seed: 15 });
		const badStatuses: [string, () => string][] = [
			['fz-r1', () => json(resourceStatus({ status: 'flying' }))],
			['fz-r2', () => json(resourceStatus({ lon: undefined }))],
			['fz-r3', () => json({ msgId: nextMsgId('fz'), ts: Date.now() })],
			['fz-r4', () => json(resourceStatus({ fuelPct: 101 }))],
			['fz-nobody', () => json(resourceStatus())]
		];
		let unknownResource = 0;
		for (let i = 0; i < 10_000; i++) {
			if (i % 30 === 0) {
				const [id, bad] = badStatuses[(i / 30) % badStatuses.length];
				if (id === 'fz-nobody') unknownResource++;
				msgs.push({ topic: topics.resourceStatus(id), payload: bad() });
			} else if (i % 3 === 0) {
				msgs.push({
					topic: topics.position(`fz-${i % 50}`),
					payload: hostile[i % hostile.length]()
				});
			} else if (i % 9 === 8) {
				valid++;
				const { exercise: _, ...body } = statuses[((i - 8) / 9) % statuses.length].body;
				msgs.push({
					topic: topics.resourceStatus(`fz-r${i % 10}`),
					payload: json({ ...body, msgId: nextMsgId('fz') })
				});
			} else {
				valid++;
				const kind = i % 3 === 1;
				msgs.push(
					kind
						? {
								topic: topics.position(`fz-${i % 50}`),
								payload: json(validPosition({ msgId: nextMsgId('fz') }))
							}
						: {
								topic: topics.sensorReading(`fz-s${i % 20}`),
								payload: json(validReading({ msgId: nextMsgId('fz') }))
							}
				);
			}
		}
		await publishAll(pub, msgs);
		const invalid = msgs.length - valid;
		const tally = async () => ({
			dead: (await count(s, 'dead_letter')) - dlBefore,
			stored: (await count(s, 'ingested_message')) - stBefore
		});
		await waitFor(
			'all 10,000 accounted for',
			async () =>
				(await count(s, 'dead_letter')) - dlBefore === invalid &&
				(await count(s, 'ingested_message')) - stBefore === valid,
			120_000,
			250
		).catch(async (e) => {
			throw new Error(`${e.message}: ${JSON.stringify({ ...(await tally()), invalid, valid })}`);
		});
		expect(await count(s, 'dead_letter', "reason = '' or detail = ''")).toBe(0);
		expect(await count(s, 'dead_letter', "reason = 'unknown_resource'")).toBe(unknownResource);
		expect(await count(s, 'resource', 'updated_at > created_at')).toBe(10);
		expect(s.source.connected).toBe(true);
		expect(s.writer.lastError).toBeNull();
	});
});
