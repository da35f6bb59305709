/**
 * A field report small enough to type on a Meshtastic radio's keyboard (docs/interop.md):
 *
 *     RPT <type> <severity> [<lat>,<lon>] <title>
 *
 * `RPT` in any case; `type` one of the incident types (mudflow, flood, road_blocked, ...; `-` may
 * stand for `_`); `severity` 1-5; the place in decimal degrees, optional (the node's last known
 * position is used then); the rest of the line is the title (1-200 characters).
 *
 *     RPT mudflow 4 37.9142,69.7721 Mud across the Kulob-Dangara road
 *     rpt road-blocked 3 Bridge at Sari Khosor closed
 */
import { INCIDENT_TYPES, type IncidentType } from '../incidents';

export interface FieldReport {
	type: IncidentType;
	severity: number;
	lat?: number;
	lon?: number;
	title: string;
}

const PREFIX = /^\s*rpt(?:\s+|$)/i;
const COORDS = /^(-?\d{1,2}(?:\.\d+)?),\s*(-?\d{1,3}(?:\.\d+)?)$/;

export type ReportReading = { ok: true; report: FieldReport } | { ok: false; problem: string };

/**
 * Reads the incident type at the start of the words: how many words it took, or null. The
 * radio's syntax knows the English type names only; the SMS syntax (messaging/inbound/parse.ts)
 * also reads Tajik and Russian words, some of two words ("роҳ баста").
 */
export type TypeReader = (words: readonly string[]) => { type: IncidentType; used: number } | null;

export const typeName: TypeReader = (words) => {
	const type = (words[0] ?? '').toLowerCase().replaceAll('-', '_');
	return (INCIDENT_TYPES as readonly string[]).includes(type)
		? { type: type as IncidentType, used: 1 }
		: null;
};

/**
 * What follows the prefix: `<type> <severity> [<lat>,<lon>] <title>`. Shared by the radio's
 * syntax and the SMS syntax, so both read severity, place and title alike.
 */
export function readReportWords(
	all: readonly string[],
	readType: TypeReader = typeName
): ReportReading {
	const words = [...all];
	const t = readType(words);
	if (!t)
		return {
			ok: false,
			problem: `unknown type "${words[0] ?? ''}": expected ${INCIDENT_TYPES.join(', ')}`
		};
	words.splice(0, t.used);
	const severity = Number(words.shift());
	if (!Number.isInteger(severity) || severity < 1 || severity > 5)
		return { ok: false, problem: 'severity must be a whole number from 1 to 5' };
	const place = COORDS.exec(words[0] ?? '');
	let lat: number | undefined;
	let lon: number | undefined;
	if (place) {
		words.shift();
		[lat, lon] = [Number(place[1]), Number(place[2])];
		if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
			return { ok: false, problem: 'place outside latitude [-90, 90] or longitude [-180, 180]' };
	}
	const title = words.join(' ');
	if (title.length === 0) return { ok: false, problem: 'a title must follow' };
	if (title.length > 200) return { ok: false, problem: 'title longer than 200 characters' };
	return { ok: true, report: { type: t.type, severity, lat, lon, title } };
}

/**
 * null when the text is not meant as a report (no `RPT` prefix); otherwise the report, or why
 * the text that starts with `RPT` is not one (the text is then kept as a log entry).
 */
export function parseFieldReport(text: string): null | ReportReading {
	if (!PREFIX.test(text)) return null;
	return readReportWords(text.replace(PREFIX, '').trim().split(/\s+/).filter(Boolean));
}
