import { describe, expect, it } from 'vitest';
import { parseMessage, topics } from '$lib/contracts';
import { crewAnswer } from './crew';

const NOW = new Date('2026-05-07T09:00:30Z');
const tasking = (over: Record<string, unknown> = {}) =>
	JSON.stringify({
		msgId: 'tasking-00aa',
		ts: '2026-05-07T09:00:00Z',
		incidentId: 'inc-1',
		message: 'Go',
		exercise: 'drill-1',
		...over
	});
const running = (ex: string) => ex === 'drill-1';

describe("a drill's simulated crew answers its tasking", () => {
	it('accepts a fresh tasking of a running drill, with a valid answer naming it', () => {
		const a = crewAnswer(topics.tasking('kr-1'), tasking(), NOW, running);
		expect(a?.topic).toBe(topics.taskingAck('kr-1'));
		expect(a?.payload).toMatchObject({
			taskingId: 'tasking-00aa',
			answer: 'accepted',
			exercise: 'drill-1'
		});
		const parsed = parseMessage(a!.topic, Buffer.from(JSON.stringify(a!.payload)), NOW);
		expect(parsed.ok).toBe(true);
	});

	it('leaves alone real taskings, other drills, stale ones, answers and junk', () => {
		const none = [
			crewAnswer(topics.tasking('kr-1'), tasking({ exercise: undefined }), NOW, running),
			crewAnswer(topics.tasking('kr-1'), tasking({ exercise: 'drill-2' }), NOW, running),
			crewAnswer(topics.tasking('kr-1'), tasking({ ts: '2026-05-07T08:00:00Z' }), NOW, running),
			crewAnswer(topics.taskingAck('kr-1'), tasking(), NOW, running),
			crewAnswer(topics.tasking('kr-1'), '{not json', NOW, running)
		];
		expect(none).toEqual([null, null, null, null, null]);
	});
});
