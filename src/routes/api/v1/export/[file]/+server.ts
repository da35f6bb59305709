import { error } from '@sveltejs/kit';
import { EXPORTS, renderExport, type ExportName } from '$lib/server/exports';
import { REAL } from '$lib/server/exercises/scope';
import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/export/incidents.geojson | incidents.csv | teams.geojson | teams.csv. Incidents
 * include closed ones with `?closed=true`. Always the real picture: a drill's rows never leave
 * the EOC in an export meant for other tools.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!(EXPORTS as readonly string[]).includes(params.file))
		error(404, `No such export. Available: ${EXPORTS.join(', ')}.`);
	const closed = url.searchParams.get('closed');
	if (closed !== null && closed !== 'true' && closed !== 'false')
		error(400, '`closed` must be true or false.');
	const db = services().db;
	const name = params.file as ExportName;
	const { body, type } = renderExport(name, {
		incidents: name.startsWith('incidents')
			? await reads.incidents(db, closed === 'true', REAL)
			: [],
		teams: name.startsWith('teams') ? await reads.teams(db, REAL) : []
	});
	const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '') + 'Z'; // 20261130T1530Z
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="eocwall-${stamp}-${name}"`,
			'cache-control': 'no-store'
		}
	});
};
