import { describe, expect, it } from 'vitest';
import { taskingsCsv, taskingSection, taskingsMarkdown, type TaskingRow } from './report-taskings';

const at = (s: number) => new Date(Date.UTC(2026, 4, 7, 9, 0, s));
const row = (over: Partial<TaskingRow>): TaskingRow => ({
	id: 'tasking-1',
	teamId: 'kr-1',
	callsign: 'KR-1',
	incidentId: 'inc-1',
	sentAt: at(0),
	answer: null,
	reason: null,
	answeredAt: null,
	...over
});

describe('the taskings part of the after-action report', () => {
	const section = taskingSection([
		row({ id: 'a', answer: 'accepted', answeredAt: at(20) }),
		row({ id: 'b', answer: 'accepted', answeredAt: at(40) }),
		row({ id: 'c', answer: 'accepted', answeredAt: at(90) }),
		row({ id: 'd', answer: 'declined', reason: 'Road | closed', answeredAt: at(5) }),
		row({ id: 'e' })
	]);

	it('times each accept from sent, counts declines, takes the median of accepts only', () => {
		expect(section.lines.map((l) => l.toAcceptMs)).toEqual([20_000, 40_000, 90_000, null, null]);
		expect(section).toMatchObject({ accepted: 3, declined: 1, medianAcceptMs: 40_000 });
		expect(taskingSection([]).medianAcceptMs).toBeNull();
	});

	it('exports CSV with the reason and seconds, and Markdown with a safe table', () => {
		const csv = taskingsCsv('drill-1', section).split('\r\n');
		expect(csv[0]).toBe(
			'exercise,tasking,team,incident,sent_at,answer,answered_at,to_accept_s,reason'
		);
		expect(csv[1]).toBe(
			'drill-1,a,kr-1,inc-1,2026-05-07T09:00:00.000Z,accepted,2026-05-07T09:00:20.000Z,20,'
		);
		expect(csv[4]).toContain('declined,2026-05-07T09:00:05.000Z,,Road | closed');
		const md = taskingsMarkdown(section, {
			title: 'Taskings',
			none: 'none',
			median: (t) => `median ${t}`,
			team: 'Team',
			incident: 'Incident',
			sent: 'Sent',
			answer: 'Answer',
			time: 'Time',
			answerOf: (l) => (l.answer === 'declined' ? `declined: ${l.reason}` : (l.answer ?? '-'))
		});
		expect(md).toContain('- median 0:40');
		expect(md).toContain('declined: Road \\| closed');
		expect(md.split('\n').filter((l) => l.startsWith('| KR-1'))).toHaveLength(5);
	});
});
