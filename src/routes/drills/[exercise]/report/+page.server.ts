import { error } from '@sveltejs/kit';
import { ID_PATTERN } from '$lib/contracts/common';
import { REPORT, requireGrant } from '$lib/server/drills/access';
import { loadReport } from '$lib/server/drills/report-data';
import { services } from '$lib/server/app/runtime';
import type { PageServerLoad } from './$types';

/** The after-action report of one exercise; times go to the page as epoch ms. */
export const load: PageServerLoad = async (event) => {
	requireGrant(event, REPORT);
	if (!ID_PATTERN.test(event.params.exercise)) error(404, 'There is no such exercise.');
	const found = await loadReport(services().db, event.params.exercise);
	if (!found) error(404, 'There is no such exercise.');
	const { name, report, alarms, requests, taskings, kindNames } = found;
	const t = (d: Date | null) => (d ? d.getTime() : null);
	return {
		name,
		exercise: report.exercise,
		end: report.end.getTime(),
		ended: report.ended,
		summary: report.summary,
		lines: report.lines.map((l) => ({
			...l,
			deliveredAt: l.deliveredAt.getTime(),
			actedAt: t(l.actedAt)
		})),
		alarms: {
			...alarms,
			lines: alarms.lines.map((l) => ({
				...l,
				firstSeen: l.firstSeen.getTime(),
				acknowledgedAt: t(l.acknowledgedAt),
				clearedAt: t(l.clearedAt)
			}))
		},
		requests: {
			...requests,
			lines: requests.lines.map((l) => ({
				...l,
				requestedAt: l.requestedAt.getTime(),
				neededBy: t(l.neededBy),
				assignedAt: t(l.assignedAt),
				deliveredAt: t(l.deliveredAt)
			}))
		},
		taskings: {
			...taskings,
			lines: taskings.lines.map((l) => ({
				...l,
				sentAt: l.sentAt.getTime(),
				answeredAt: t(l.answeredAt)
			}))
		},
		kindNames
	};
};
