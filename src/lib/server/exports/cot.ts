/**
 * Cursor-on-Target 2.0 events for TAK clients (ATAK, WinTAK, iTAK, TAK Server): one `<event>` per
 * located team and per open incident, in an `<events>` document. Written with fast-xml-parser's
 * builder (attributes and text escaped). Unknown heights and errors are CoT's 9999999.0.
 *
 * - Team: type `a-f-G-U-C` (friendly ground unit, combat), how `m-g` (machine, GPS); `start` is
 *   its last fix, `stale` that plus the EOC's stale limit, so a TAK client greys a silent team
 *   as the wall does. Detail: callsign, track (course °, speed m/s), battery, status text.
 * - Incident: type `b-m-p-s-m` (a spot map marker, drawn by every TAK client), how `h-e`
 *   (human, estimated); callsign "S4 mudflow: title", remarks with the counts.
 */
import { xmlDocument } from '$lib/xml';
import type { IncidentView, TeamView } from '$lib/live/types';

export const COT_UNKNOWN = 9999999.0;
export const TEAM_TYPE = 'a-f-G-U-C';
export const INCIDENT_TYPE = 'b-m-p-s-m';
/** How long a CoT incident marker holds before a client should fetch the feed again. */
export const INCIDENT_STALE_MS = 10 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const unknown = (v: number | null | undefined) => (v === null || v === undefined ? COT_UNKNOWN : v);

function point(lat: number, lon: number) {
	return {
		'@lat': lat.toFixed(7),
		'@lon': lon.toFixed(7),
		'@hae': COT_UNKNOWN.toFixed(1),
		'@ce': COT_UNKNOWN.toFixed(1),
		'@le': COT_UNKNOWN.toFixed(1)
	};
}

export function teamEvent(t: TeamView, now: number, staleAfterMs: number) {
	if (t.lat === null || t.lon === null || t.positionTs === null) return null;
	const at = Date.parse(t.positionTs);
	return {
		'@version': '2.0',
		'@uid': `eocwall-team-${t.id}`,
		'@type': TEAM_TYPE,
		'@how': 'm-g',
		'@time': iso(now),
		'@start': iso(at),
		'@stale': iso(at + staleAfterMs),
		point: point(t.lat, t.lon),
		detail: {
			contact: { '@callsign': t.callsign },
			track: {
				'@course': unknown(t.headingDeg).toString(),
				'@speed': unknown(t.speedMps).toString()
			},
			...(t.batteryPct === null
				? {}
				: { status: { '@battery': String(Math.round(t.batteryPct)) } }),
			remarks: [t.kind, t.status ?? '', t.incidentId ? `incident ${t.incidentId}` : '']
				.filter(Boolean)
				.join(' · ')
		}
	};
}

export function incidentEvent(i: IncidentView, now: number) {
	const c = i.casualties;
	return {
		'@version': '2.0',
		'@uid': `eocwall-incident-${i.id}`,
		'@type': INCIDENT_TYPE,
		'@how': 'h-e',
		'@time': iso(now),
		'@start': i.updatedAt,
		'@stale': iso(now + INCIDENT_STALE_MS),
		point: point(i.lat, i.lon),
		detail: {
			contact: { '@callsign': `S${i.severity} ${i.type}: ${i.title}` },
			remarks:
				`${i.status}; dead ${c.dead}, injured ${c.injured}, missing ${c.missing}, ` +
				`trapped ${c.trapped}; affected ${i.affected.people}`
		}
	};
}

/** The feed: located teams and incidents that are not closed, real rows only. */
export function renderCot(
	data: { teams: readonly TeamView[]; incidents: readonly IncidentView[] },
	now: number,
	staleAfterMs: number
): string {
	const events = [
		...data.teams.flatMap((t) => teamEvent(t, now, staleAfterMs) ?? []),
		...data.incidents.filter((i) => i.status !== 'closed').map((i) => incidentEvent(i, now))
	];
	return xmlDocument('events', { event: events });
}
