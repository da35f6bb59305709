import { describe, expect, it } from 'vitest';
import { parseMessage, topics } from '../../src/lib/contracts';
import { reportIncidentId } from '../../src/lib/contracts/incident-id';
import { CAP_TOPIC } from './cap';
import { distanceM } from './geo';
import type { DrillEvent } from './types';
import { testDrill, type Published } from './testing';
import { STATE_EVERY_MS } from './run';

const json = (log: Published[]) => log.filter((p) => typeof p.payload !== 'string');
const states = (log: Published[]) =>
	log
		.filter((p) => p.topic === topics.exerciseState('drill-test'))
		.map((p) => p.payload as Record<string, unknown>);
const injectRecords = (log: Published[]) =>
	log
		.filter((p) => p.topic === topics.exerciseInject('drill-test'))
		.map((p) => p.payload as Record<string, unknown>);

describe('drill engine', () => {
	it('runs the Kulob drill to its end; every payload is valid and carries the exercise', async () => {
		const { drill, log, run, time } = testDrill();
		await drill.start();
		await run(5 * 60_000 + 2000);
		expect(drill.state.status).toBe('ended');
		// In time order: the districts' requests (20, 21) and the bulldozer (22) fall among them.
		expect(drill.state.delivered.map((d) => d.number)).toEqual([
			...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
			...[20, 12, 21, 13, 22, 14, 15, 16, 17, 18, 19]
		]);
		expect(drill.state.upcoming).toEqual([]);
		for (const { topic, payload } of json(log)) {
			const r = parseMessage(topic, Buffer.from(JSON.stringify(payload)), new Date(time.ms));
			if (!r.ok) throw new Error(`${topic}: ${r.detail}`);
			expect(r.message.exercise).toBe('drill-test');
		}
		const families = new Set(
			json(log)
				.map((p) =>
					parseMessage(p.topic, Buffer.from(JSON.stringify(p.payload)), new Date(time.ms))
				)
				.map((r) => (r.ok ? r.message.family : r.reason))
		);
		expect([...families].sort()).toEqual([
			'exercise_inject',
			'exercise_state',
			'hazard_extent',
			'incident_report',
			'incident_update',
			'position',
			'resource_status',
			'sensor_reading',
			'status'
		]);
		expect(states(log).at(-1)).toMatchObject({ status: 'ended', scenarioSec: 18000 });
		expect(time.timers).toBe(0);
	});

	it('the same seed gives the same drill; another seed other readings', async () => {
		const runOnce = async (seed: number) => {
			const { drill, log, run } = testDrill({ seed });
			await drill.start();
			await run(5 * 60_000 + 2000, 700);
			return log;
		};
		const [a, b, c] = [await runOnce(7), await runOnce(7), await runOnce(8)];
		expect(a.length).toBeGreaterThan(300);
		expect(b).toEqual(a);
		const readings = (l: Published[]) =>
			l
				.filter((p) => p.topic.endsWith('/reading'))
				.map((p) => (p.payload as { value: number }).value);
		expect(readings(c)).not.toEqual(readings(a));
	});

	it('publishes the CAP warning as XML with status Exercise and the exercise id', async () => {
		const { drill, log, run } = testDrill();
		await drill.start();
		await run(1000);
		const cap = log.find((p) => p.topic === CAP_TOPIC)?.payload as string;
		expect(cap).toContain('<status>Exercise</status>');
		expect(cap).toMatch(/<valueName>eocwall:exercise<\/valueName>\s*<value>drill-test<\/value>/);
		expect(injectRecords(log)[0]).toMatchObject({
			number: 1,
			effects: [{ family: 'cap_alert', msgId: 'drill-test-cap-1' }]
		});
	});

	it('records each inject with the references of what it published', async () => {
		const { drill, log, run } = testDrill();
		await drill.start();
		await run(3 * 60_000 + 15_000); // past 3:10, the update of charmgaron-collapse
		const records = injectRecords(log);
		const six = records.find((r) => r.number === 6) as {
			effects: { family: string; sender: string; msgId: string }[];
		};
		expect(six).toMatchObject({
			type: 'expected_action',
			expectedKind: 'assign',
			expectedEffect: 0,
			scenarioSec: 6000
		});
		const [report] = six.effects;
		expect(report).toMatchObject({
			family: 'incident_report',
			id: null,
			sender: 'team:drill-rescue-1'
		});
		const sent = log.find(
			(p) =>
				p.topic === topics.incidentReport() &&
				(p.payload as { msgId: string }).msgId === report.msgId &&
				(p.payload as { reporter: string }).reporter === 'drill-rescue-1'
		);
		expect(sent?.payload).toMatchObject({ type: 'building_collapse', severity: 5 });
		// The later update goes to the incident that report created in the EOC.
		const incidentId = reportIncidentId(report.sender, report.msgId);
		expect(log.some((p) => p.topic === topics.incidentUpdate(incidentId))).toBe(true);
		// The team ordered to it reports that incident with its status.
		const status = log.find(
			(p) =>
				p.topic === topics.status('drill-rescue-1') &&
				(p.payload as { incidentId?: string }).incidentId === incidentId
		);
		expect(status?.payload).toMatchObject({ status: 'en_route' });
	});

	it('registers its equipment and stores with the running state; the equipment reports over its own topic', async () => {
		const { drill, log, run } = testDrill();
		await drill.start();
		const running = states(log)[0] as {
			resources: { id: string; kind: string; agency?: string; lat: number }[];
			stores: { id: string; stock: { kind: string; quantity: number; minimum?: number }[] }[];
		};
		expect(running.resources.map((r) => r.id)).toContain('drill-coes-exc-1');
		expect(running.resources.find((r) => r.id === 'drill-coes-exc-1')).toMatchObject({
			kind: 'excavator',
			agency: 'CoES Khatlon',
			homeBase: 'CoES Khatlon depot, Kulob',
			lat: 37.9035
		});
		expect(running.stores.find((s) => s.id === 'drill-coes-wh-kulob')?.stock).toContainEqual({
			kind: 'tent',
			quantity: 220,
			minimum: 100
		});
		await run(3 * 60_000 + 20_000); // past 3:05, the bulldozer's orders
		const dozer = log
			.filter((p) => p.topic === topics.resourceStatus('drill-coes-dozer-1'))
			.map((p) => p.payload as { status?: string; lat: number; exercise: string });
		expect(dozer[0]).toMatchObject({ status: 'available', lat: 37.9035, exercise: 'drill-test' });
		expect(dozer[1]).toMatchObject({ status: 'en_route' });
		expect(dozer.filter((d) => d.status === undefined).length).toBeGreaterThan(2); // fixes
	});

	it('sends the requests an inject makes in its record, needed by the scenario time asked', async () => {
		const { drill, log, run } = testDrill(); // ×60: a scenario minute is a second
		await drill.start();
		await run(2 * 60_000 + 50_000); // past 2:45
		const records = injectRecords(log);
		const vose = records.find((r) => r.number === 21) as {
			ts: string;
			effects: { family: string; id: string }[];
			requests: { id: string; kind: string; quantity: number; neededBy: string }[];
		};
		expect(vose.requests.map((r) => [r.id, r.kind, r.quantity])).toEqual([
			['drill-test-r21-0', 'tent', 150],
			['drill-test-r21-1', 'water', 8000]
		]);
		expect(vose.requests[0]).toMatchObject({
			requester: 'Hukumat of Vose',
			requesterKind: 'district',
			priority: 'high',
			place: 'Vose, hukumat square'
		});
		// 120 scenario minutes at ×60: two minutes of the wall's clock after the delivery.
		expect(Date.parse(vose.requests[0].neededBy) - Date.parse(vose.ts)).toBe(120_000);
		expect(vose.effects.map((e) => [e.family, e.id])).toEqual([
			['resource_request', 'drill-test-r21-0'],
			['resource_request', 'drill-test-r21-1']
		]);
		// The excavators asked for the collapse: that report's incident.
		const kulob = records.find((r) => r.number === 20) as {
			requests: { incidentId: string; quantity: number }[];
		};
		const six = records.find((r) => r.number === 6) as {
			effects: { sender: string; msgId: string }[];
		};
		expect(kulob.requests[0]).toMatchObject({
			kind: 'excavator',
			quantity: 2,
			incidentId: reportIncidentId(six.effects[0].sender, six.effects[0].msgId)
		});
	});

	it('moves teams at their speed and reports arrival', async () => {
		const { drill, log, run } = testDrill();
		await drill.start();
		await run(2 * 60_000);
		const fixes = log
			.filter((p) => p.topic === topics.position('drill-rescue-3'))
			.map((p) => p.payload as { lat: number; lon: number; speedMps: number; ts: string });
		expect(fixes.length).toBeGreaterThan(5);
		// 9 m/s ±10 %, a fix every 30 scenario seconds: consecutive fixes 243-297 m apart.
		const moving = fixes.slice(0, -1);
		for (const f of moving) expect(f.speedMps).toBeGreaterThanOrEqual(8.1);
		for (const f of moving) expect(f.speedMps).toBeLessThanOrEqual(9.9);
		const gaps = moving.slice(1).map((f, i) => distanceM(moving[i], f));
		for (const g of gaps) expect(g).toBeGreaterThan(240);
		for (const g of gaps) expect(g).toBeLessThan(300);
		const statuses = log
			.filter((p) => p.topic === topics.status('drill-rescue-1'))
			.map((p) => (p.payload as { status: string }).status);
		expect(statuses.slice(0, 3)).toEqual(['available', 'en_route', 'on_scene']);
	});

	it('publishes the mudflow as one hazard per depth band; an emptied band shrinks to no area', async () => {
		const { drill, log, run } = testDrill();
		await drill.start();
		await run(3 * 60_000);
		const extents = log.filter((p) => p.topic.startsWith('eoc/v1/hazards/'));
		const ids = new Set(extents.map((p) => p.topic.split('/')[3]));
		expect([...ids].sort()).toEqual(['tebalay-mudflow-d0', 'tebalay-mudflow-d1']);
		const deep = extents
			.filter((p) => p.topic.includes('-d1'))
			.map((p) => p.payload as { geometry: GeoJSON.MultiPolygon; depthM: number });
		expect(deep[0].depthM).toBe(1);
		const lastRing = deep.at(-1)!.geometry.coordinates[0][0];
		expect(new Set(lastRing.map((p) => p.join())).size).toBe(1);
		// Released with inject 5 at 1:25: the first frame at that scenario time.
		const first = extents[0].payload as { msgId: string; ts: string };
		expect(first.msgId).toBe('drill-test-f0');
	});

	it('pauses (nothing is delivered), resumes, and changes speed', async () => {
		const { drill, log, run } = testDrill({ speed: 1 });
		const events: DrillEvent[] = [];
		drill.on((e) => events.push(e));
		await drill.start();
		await run(5000);
		expect(drill.state.scenarioSec).toBe(5);
		drill.pause();
		const before = log.length;
		await run(60_000);
		expect(drill.state).toMatchObject({ status: 'paused', scenarioSec: 5 });
		// Nothing but the paused state, repeated every 5 s so that consoles know the drill lives.
		const paused = log.slice(before);
		expect(paused.length).toBeGreaterThanOrEqual(60_000 / STATE_EVERY_MS);
		expect(paused.every((p) => p.topic.endsWith('/state'))).toBe(true);
		expect(states(paused).every((s) => s.status === 'paused' && s.scenarioSec === 5)).toBe(true);
		drill.resume();
		drill.setSpeed(60);
		await run(30_000);
		expect(drill.state.scenarioSec).toBe(5 + 1800);
		expect(drill.state.delivered.map((d) => d.number)).toEqual([1, 2]);
		expect(() => drill.setSpeed(61)).toThrow(/from 1 to 60/);
		expect(events.some((e) => e.kind === 'delivered' && e.inject.number === 2)).toBe(true);
	});

	it('jumps to an inject delivering those before it, delivers one by hand, and resets', async () => {
		const { drill, log, run } = testDrill({ speed: 1 });
		await drill.start();
		await drill.jumpTo(6);
		expect(drill.state.scenarioSec).toBe(6000);
		expect(drill.state.delivered.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6]);
		await drill.deliver(19);
		expect(drill.state.upcoming[0]).toBe(7);
		expect(drill.state.upcoming).not.toContain(19);
		await expect(drill.deliver(19)).rejects.toThrow(/delivered already/);
		await expect(drill.jumpTo(99)).rejects.toThrow(/no inject 99/);
		await drill.reset();
		expect(drill.state).toMatchObject({ status: 'idle', scenarioSec: 0, delivered: [] });
		expect(states(log).at(-1)).toMatchObject({ status: 'reset', scenarioSec: 0 });
		// Started again, it numbers its messages from the start (the EOC deleted the old ones).
		const mark = log.length;
		await drill.start();
		await run(1000);
		expect((log[mark].payload as { msgId: string }).msgId).toBe('drill-test-1');
	});

	it('reports precomputation progress from 0 to 1 before it runs', async () => {
		const { drill } = testDrill();
		const progress: number[] = [];
		drill.on(
			(e) =>
				e.kind === 'state' && e.state.status === 'precomputing' && progress.push(e.state.progress)
		);
		await drill.start();
		expect(progress[0]).toBe(0);
		expect(progress.at(-1)).toBe(1);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(drill.state).toMatchObject({ status: 'running', progress: 1 });
	});
});
