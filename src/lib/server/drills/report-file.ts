import { error, type RequestEvent } from '@sveltejs/kit';
import { ID_PATTERN } from '$lib/contracts/common';
import { getLocale } from '$lib/i18n';
import { problemText } from '$lib/i18n/problem';
import { m } from '$lib/paraglide/messages';
import { services } from '../app/runtime';
import { REPORT, requireGrant } from './access';
import { loadReport } from './report-data';
import { taskingsCsv, taskingsMarkdown, type TaskingWords } from './report-taskings';
import { formatClockPair } from '$lib/format';
import {
	reportCsv,
	reportMarkdown,
	requestsCsv,
	requestsMarkdown,
	type ReportWords,
	type RequestWords
} from './report-export';

/** The Markdown's words, in the language of the request. */
function words(): ReportWords {
	return {
		title: m.report_title(),
		exercise: m.report_exercise(),
		end: m.report_end(),
		running: m.report_running(),
		summary: m.report_summary(),
		inject: m.report_inject(),
		expected: m.report_expected(),
		delivered: m.report_delivered(),
		acted: m.report_acted(),
		response: m.report_response(),
		outcome: m.report_outcome(),
		outcomes: {
			done: m.report_outcome_done(),
			missed: m.report_outcome_missed(),
			pending: m.report_outcome_pending()
		},
		kinds: {
			accept_report: m.report_kind_accept_report(),
			acknowledge: m.report_kind_acknowledge(),
			assign: m.report_kind_assign(),
			verify_event: m.report_kind_verify_event()
		}
	};
}

/** The words of the requests' section. */
function requestWords(): RequestWords {
	return {
		title: m.resdrill_report_requests(),
		none: m.resdrill_report_requests_none(),
		medianAssign: m.resdrill_report_median_assign(),
		medianDeliver: m.resdrill_report_median_deliver(),
		request: m.resdrill_report_request(),
		requested: m.resdrill_report_requested(),
		toAssign: m.resdrill_report_to_assign(),
		toDeliver: m.resdrill_report_to_deliver(),
		late: m.resdrill_report_late(),
		inject: (n) => m.resdrill_report_inject({ n }),
		notMade: (ids) => m.resdrill_report_not_made({ ids }),
		problem: problemText,
		unknownKinds: (kinds) => m.rkind_report_unknown({ kinds })
	};
}

/** The words of the taskings' section. */
function taskingWords(): TaskingWords {
	return {
		title: m.tack_report_heading(),
		none: m.tack_report_none(),
		median: (time) => m.tack_report_median({ time }),
		team: m.tack_report_col_team(),
		incident: m.tack_report_col_incident(),
		sent: m.tack_report_col_sent(),
		answer: m.tack_report_col_answer(),
		time: m.tack_report_col_time(),
		answerOf: (l) =>
			l.answer === 'accepted' && l.answeredAt
				? m.tack_accepted({ time: formatClockPair(l.answeredAt) })
				: l.answer === 'declined'
					? m.tack_declined({ reason: l.reason ?? '' })
					: '—'
	};
}

/**
 * GET /drills/{exercise}/report.md | report.csv: the after-action report as a file. The Markdown
 * holds the injects, the resource requests and the taskings; the CSV the injects, or with
 * `?part=requests` the requests, `?part=taskings` the taskings (one table per file, for
 * spreadsheets).
 */
export async function reportFile(
	event: Pick<RequestEvent, 'locals' | 'params' | 'url'>,
	format: 'md' | 'csv'
): Promise<Response> {
	requireGrant(event, REPORT);
	const exercise = event.params.exercise ?? '';
	if (!ID_PATTERN.test(exercise)) error(404, 'There is no such exercise.');
	const found = await loadReport(services().db, exercise);
	if (!found) error(404, 'There is no such exercise.');
	const part = event.url.searchParams.get('part');
	if (part !== null && part !== 'requests' && part !== 'taskings')
		error(400, 'part is "requests", "taskings" or absent.');
	const locale = getLocale();
	const kindName = (id: string) => found.kindNames[id]?.[locale] ?? found.kindNames[id]?.en ?? id;
	const body =
		format === 'csv'
			? part === 'requests'
				? requestsCsv(exercise, found.requests)
				: part === 'taskings'
					? taskingsCsv(exercise, found.taskings)
					: reportCsv(found.report)
			: reportMarkdown(found.report, words()) +
				requestsMarkdown(found.requests, requestWords(), kindName) +
				taskingsMarkdown(found.taskings, taskingWords());
	const name = part ? `eocwall-aar-${exercise}-${part}` : `eocwall-aar-${exercise}`;
	return new Response(body, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.${format}"`,
			'cache-control': 'no-store'
		}
	});
}
