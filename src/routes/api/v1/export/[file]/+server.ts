import { error } from '@sveltejs/kit';
import { ID_PATTERN } from '$lib/contracts';
import { capDocument, capFeed } from '$lib/server/alerts/feed';
import { activeAlerts, alertById } from '$lib/server/alerts/held';
import { renderCot } from '$lib/server/exports/cot';
import { EXPORTS, renderExport, type ExportName } from '$lib/server/exports/files';
import { REAL } from '$lib/server/exercises/scope';
import { readHazards } from '$lib/server/entities/hazard/read';
import { readIncidents } from '$lib/server/entities/incident/read';
import { readTeams } from '$lib/server/entities/team/read';
import {
	readRequests,
	readResourceKinds,
	readResources,
	readStock
} from '$lib/server/entities/resource/read';
import { services } from '$lib/server/app/runtime';
import { readSettings } from '$lib/server/settings/store';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/export/{incidents,teams,hazards}.{geojson,csv,kml}, {resources,requests}.{geojson,csv}
 * and stock.csv; /api/v1/export/cot (the
 * Cursor-on-Target feed for TAK clients); /api/v1/export/cap (an Atom index of the EOC's active
 * CAP alerts, `?all=true` for every active alert held) and `/api/v1/export/cap?id=KEY` (one alert
 * as CAP 1.2 XML). Real rows only; `?exercise=ID` exports one drill's rows alone. Incidents
 * include closed ones with `?closed=true`; requests are the open ones and those closed in the last
 * 24 hours (what the wall shows), every one with `?closed=true`.
 */
/** `?closed=true` of requests.*: every closed request (a thousand years back). */
const ALL_HOURS = 24 * 366 * 1000;

export const GET: RequestHandler = async ({ params, url }) => {
	if (!(EXPORTS as readonly string[]).includes(params.file))
		error(404, `No such export. Available: ${EXPORTS.join(', ')}.`);
	const closed = url.searchParams.get('closed');
	if (closed !== null && closed !== 'true' && closed !== 'false')
		error(400, '`closed` must be true or false.');
	const exercise = url.searchParams.get('exercise');
	if (exercise !== null && !ID_PATTERN.test(exercise))
		error(400, '`exercise` must be an exercise id of 1-64 characters from [A-Za-z0-9_-].');
	// Real rows only unless one drill is named: a drill's rows never mix into a real export.
	const scope = exercise ?? REAL;
	const db = services().db;
	const name = params.file as ExportName;
	if (name === 'cap') {
		const id = url.searchParams.get('id');
		if (id !== null) {
			const held = id.length <= 600 ? await alertById(db, id) : null;
			if (!held) error(404, 'No alert with that id.');
			return new Response(capDocument(held), {
				headers: {
					'content-type': 'application/cap+xml; charset=utf-8',
					'content-disposition': `attachment; filename="${held.identifier.replace(/[^A-Za-z0-9._-]/g, '_')}.cap.xml"`,
					'cache-control': 'no-store'
				}
			});
		}
		const all = url.searchParams.get('all');
		if (all !== null && all !== 'true' && all !== 'false')
			error(400, '`all` must be true or false.');
		const alerts = await activeAlerts(db, { all: all === 'true', exercise });
		return new Response(capFeed(alerts, `${url.origin}${url.pathname}`, new Date()), {
			headers: {
				'content-type': 'application/atom+xml; charset=utf-8',
				'cache-control': 'no-store'
			}
		});
	}
	if (name === 'cot') {
		const settings = await readSettings(db);
		const body = renderCot(
			{
				teams: await readTeams(db, scope),
				incidents: await readIncidents(db, false, scope)
			},
			Date.now(),
			settings.staleAfterMin * 60_000
		);
		return new Response(body, {
			headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
	const is = (what: string) => name.startsWith(`${what}.`);
	const { body, type } = renderExport(
		name,
		{
			// A request is placed at its incident's position: every incident, closed ones too.
			incidents:
				is('incidents') || is('requests')
					? await readIncidents(db, closed === 'true' || is('requests'), scope)
					: [],
			teams: is('teams') ? await readTeams(db, scope) : [],
			hazards: is('hazards') ? await readHazards(db, scope) : [],
			resources: is('resources') ? await readResources(db, scope) : [],
			requests: is('requests')
				? await readRequests(db, scope, closed === 'true' ? ALL_HOURS : 24)
				: [],
			stock: is('stock') ? await readStock(db, scope) : [],
			kinds: is('stock') ? await readResourceKinds(db) : []
		},
		exercise
	);
	const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '') + 'Z'; // 20261130T1530Z
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="eocwall-${stamp}-${name}"`,
			'cache-control': 'no-store'
		}
	});
};
