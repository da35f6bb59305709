import { error, type RequestEvent } from '@sveltejs/kit';
import { ID_PATTERN } from '$lib/contracts/common';
import { m } from '$lib/paraglide/messages';
import { services } from '../app/runtime';
import { REPORT, requireGrant } from './access';
import { loadReport } from './report-data';
import { reportCsv, reportMarkdown, type ReportWords } from './report-export';

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

/** GET /drills/{exercise}/report.md | report.csv: the after-action report as a file. */
export async function reportFile(
	event: Pick<RequestEvent, 'locals' | 'params'>,
	format: 'md' | 'csv'
): Promise<Response> {
	requireGrant(event, REPORT);
	const exercise = event.params.exercise ?? '';
	if (!ID_PATTERN.test(exercise)) error(404, 'There is no such exercise.');
	const found = await loadReport(services().db, exercise);
	if (!found) error(404, 'There is no such exercise.');
	const body = format === 'csv' ? reportCsv(found.report) : reportMarkdown(found.report, words());
	return new Response(body, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="eocwall-aar-${exercise}.${format}"`,
			'cache-control': 'no-store'
		}
	});
}
