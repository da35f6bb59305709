/**
 * The picture guard as a property, on the embedded database through the ingest's own batch writer
 * (parse, judge, dedup, handlers, resets): random batches of real and exercise-tagged positions,
 * statuses, gauge readings and incident updates, with resets, leave the real picture exactly as
 * the real messages alone would have left it; and, without resets, each drill's picture exactly
 * as its own messages alone would have.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, topics } from '$lib/contracts';
import { reportIncidentId } from '$lib/contracts/incident-id';
import {
	validPosition,
	validReading,
	validReport,
	validStatus,
	validUpdate
} from '$lib/contracts/testing';
import { migratedPgliteDir } from '../../../../tests/helpers/pglite-template';
import { openPglite } from '../db/pglite';
import type { Database } from '../db/types';
import { writeBatch, type BatchItem } from './batch';
import { PictureRace, verifyCreated } from './picture';
import { isDataError } from './writer';

const NOW = new Date();
const BASE = NOW.getTime() - 2 * 3600_000;
const EXERCISES = ['x', 'y'] as const;
type Picture = (typeof EXERCISES)[number] | null;

/** The rows of each picture: real ids, and each drill's own, all created by the seed. */
const ids = (p: Picture) => ({
	teams: [`${p ?? 'real'}-t1`, `${p ?? 'real'}-t2`],
	sensors: [`${p ?? 'real'}-s1`],
	incident: reportIncidentId(`team:${p ?? 'real'}-t1`, `seed-${p ?? 'real'}`)
});
const PICTURES: Picture[] = [null, ...EXERCISES];

interface Sent {
	item: BatchItem;
	picture: Picture;
	/** The picture whose row it names (the seed made every row). */
	target: Picture;
	kind: string;
}

let n = 0;
function sent(topic: string, body: Record<string, unknown>, picture: Picture, target: Picture) {
	const payload = Buffer.from(
		JSON.stringify({ ...body, msgId: `m${++n}`, ...(picture ? { exercise: picture } : {}) })
	);
	const parsed = parseMessage(topic, payload, NOW);
	if (!parsed.ok) throw new Error(`test message invalid: ${parsed.detail}`);
	return { item: { topic, payload, receivedAt: NOW, parsed }, picture, target, kind: topic };
}

/** Every row each picture starts with: a team position each, a reading, a report. */
function seed(): Sent[] {
	return PICTURES.flatMap((p) => {
		const own = ids(p);
		const at = new Date(BASE).toISOString();
		return [
			...own.teams.map((t) => sent(topics.position(t), validPosition({ ts: at }), p, p)),
			...own.sensors.map((s) => sent(topics.sensorReading(s), validReading({ ts: at }), p, p)),
			// The report's key is fixed, so its incident id is the one `ids` names.
			{
				item: reportItem(own.teams[0], `seed-${p ?? 'real'}`, p, at),
				picture: p,
				target: p,
				kind: 'report'
			}
		];
	});
}

function reportItem(reporter: string, msgId: string, p: Picture, ts: string): BatchItem {
	const topic = topics.incidentReport();
	const payload = Buffer.from(
		JSON.stringify(validReport({ reporter, ts, msgId, ...(p ? { exercise: p } : {}) }))
	);
	const parsed = parseMessage(topic, payload, NOW);
	if (!parsed.ok) throw new Error(parsed.detail);
	return { topic, payload, receivedAt: NOW, parsed };
}

const pictureArb = fc.constantFrom<Picture>(...PICTURES);
const command = (targets: (p: Picture) => fc.Arbitrary<Picture>) =>
	pictureArb.chain((picture) =>
		fc.record({
			picture: fc.constant(picture),
			target: targets(picture),
			kind: fc.constantFrom('position', 'status', 'reading', 'update', 'reset'),
			which: fc.nat(1),
			sec: fc.integer({ min: 1, max: 3600 }),
			value: fc.integer({ min: 0, max: 500 })
		})
	);
type Command = {
	picture: Picture;
	target: Picture;
	kind: string;
	which: number;
	sec: number;
	value: number;
};

const STATUSES = ['available', 'en_route', 'on_scene', 'returning'] as const;
const INCIDENT_STATUSES = ['open', 'contained', 'closed'] as const;

function build(c: Command): Sent {
	const own = ids(c.target);
	const ts = new Date(BASE + c.sec * 1000).toISOString();
	const team = own.teams[c.which];
	const lat = 37.9 + c.value / 10_000;
	switch (c.kind) {
		case 'position':
			return sent(topics.position(team), validPosition({ ts, lat }), c.picture, c.target);
		case 'status':
			return sent(
				topics.status(team),
				validStatus({ ts, lat, status: STATUSES[c.value % 4], personnel: c.value }),
				c.picture,
				c.target
			);
		case 'reading':
			return sent(
				topics.sensorReading(own.sensors[0]),
				validReading({ ts, value: c.value }),
				c.picture,
				c.target
			);
		case 'update':
			return sent(
				topics.incidentUpdate(own.incident),
				validUpdate({
					ts,
					status: INCIDENT_STATUSES[c.value % 3],
					severity: 1 + (c.value % 5),
					casualties: { injured: c.value }
				}),
				c.picture,
				c.target
			);
		default: {
			// A reset of the command's exercise (a real "reset" is a reset of x).
			const ex = c.picture ?? 'x';
			const body = {
				ts,
				exercise: ex,
				name: `drill ${ex}`,
				scenario: 'kulob-mudflow',
				status: 'reset',
				speed: 1,
				scenarioSec: 0
			};
			return { ...sent(topics.exerciseState(ex), body, ex, ex), kind: 'reset' };
		}
	}
}

/** Every row of one picture that the guard protects, in a stable order, without receipt times. */
async function pictureRows(db: Database, p: Picture) {
	const q = (sql: string) => db.query(sql, [p]);
	const scope = 'exercise is not distinct from $1::text';
	return JSON.parse(
		JSON.stringify({
			team: await q(`select id, status, status_ts, incident_id, personnel, note, lat, lon,
				position_ts, heading_deg, speed_mps, battery_pct from team where ${scope} order by id`),
			track: await q(`select team_id, ts, lat, lon from team_position where ${scope}
				order by team_id, ts, lat`),
			sensor: await q(
				`select id, last_value, last_ts, unit from sensor where ${scope} order by id`
			),
			readings: await q(`select sensor_id, ts, value from sensor_reading where ${scope}
				order by sensor_id, ts, value`),
			incident: await q(`select id, status, severity, casualties, affected, updated_ts
				from incident where ${scope} order by id`),
			events: await q(`select incident_id, ts, kind, data from incident_event where ${scope}
				order by incident_id, ts, kind, data::text`)
		})
	);
}

const TABLES = [
	'team',
	'team_position',
	'sensor',
	'sensor_reading',
	'incident',
	'incident_event',
	'exercise',
	'exercise_inject',
	'ingested_message',
	'dead_letter',
	'change'
];

describe('the picture guard, as a property', () => {
	let db: Database;
	let dir: string;
	beforeAll(async () => {
		dir = await migratedPgliteDir();
		db = await openPglite(dir);
	}, 120_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** A fresh database state, then the seed and the batches, each batch in one transaction. */
	async function run(batches: Sent[][]) {
		for (const t of TABLES) await db.query(`delete from ${t}`);
		for (const batch of [seed(), ...batches])
			if (batch.length)
				await db.transaction((tx) =>
					writeBatch(
						tx,
						batch.map((s) => s.item)
					)
				);
	}

	const batchesOf = (commands: fc.Arbitrary<Command>) =>
		fc.array(fc.array(commands, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 });

	it('leaves the real picture as the real messages alone would, whatever the drills send and reset', async () => {
		// Real messages name real rows (a drill's row, once reset, may be anyone's); a drill's
		// messages name any row, real ones included.
		const commands = command((p) => (p === null ? fc.constant(null) : pictureArb));
		await fc.assert(
			fc.asyncProperty(batchesOf(commands), async (plan) => {
				const batches = plan.map((b) => b.map(build));
				await run(batches);
				const mixed = await pictureRows(db, null);
				const refused = new Set(
					(
						await db.query<{ msg_id: string }>(
							`select msg_id from dead_letter where reason = 'other_picture'`
						)
					).map((r) => r.msg_id)
				);
				await run(batches.map((b) => b.filter((s) => s.picture === null && s.kind !== 'reset')));
				expect(mixed).toEqual(await pictureRows(db, null));
				// Each drill message that named a real row is a dead letter `other_picture`.
				for (const s of batches.flat())
					if (s.picture !== null && s.target === null && s.kind !== 'reset')
						expect(refused).toContain(s.item.parsed.ok && s.item.parsed.message.msgId);
			}),
			{ numRuns: 20 }
		);
	}, 600_000);

	it('rolls back a batch whose new row a concurrent transaction created in another picture', async () => {
		// What the other transaction left: the team this batch found missing, but of drill y.
		await db.query(`insert into team (id, callsign, exercise) values ('raced', 'raced', 'y')`);
		const race = db.transaction((tx) =>
			verifyCreated(tx, [{ table: 'team', id: 'raced', exercise: null }])
		);
		const err = await race.then(
			() => null,
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(PictureRace);
		// Not the data's fault: the writer retries the batch instead of dead-lettering it.
		expect(isDataError(err)).toBe(false);
		await db.transaction((tx) =>
			verifyCreated(tx, [{ table: 'team', id: 'raced', exercise: 'y' }])
		);
	});

	it("leaves each drill's picture as its own messages alone would, whatever real traffic names", async () => {
		// No resets here: every row keeps the picture the seed gave it, and anyone may name it.
		const commands = command(() => pictureArb).filter((c) => c.kind !== 'reset');
		await fc.assert(
			fc.asyncProperty(batchesOf(commands), async (plan) => {
				const batches = plan.map((b) => b.map(build));
				await run(batches);
				const mixed = await Promise.all(PICTURES.map((p) => pictureRows(db, p)));
				for (const [i, p] of PICTURES.entries()) {
					await run(batches.map((b) => b.filter((s) => s.picture === p)));
					expect(mixed[i], String(p)).toEqual(await pictureRows(db, p));
				}
			}),
			{ numRuns: 10 }
		);
	}, 600_000);
});
