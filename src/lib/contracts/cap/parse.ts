/**
 * CAP 1.2 XML → a validated alert, or the reason it is not one. Read with fast-xml-parser (no
 * XML parser of our own): a DOCTYPE is refused before parsing, so no entity is ever declared,
 * expanded or fetched; only the five predefined entities and character references are decoded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { z } from 'zod';
import { capAlertSchema, CAP_NAMESPACE, EXERCISE_PARAMETER, type CapAlert } from './schema';

export type CapParse =
	| { ok: true; alert: CapAlert; exercise: string | null }
	| { ok: false; reason: 'not_xml' | 'schema'; detail: string };

/** Elements CAP lets repeat (CAP 1.2 §3.2): always arrays, even when one is present. */
const REPEATED = new Set([
	'alert.code',
	'alert.info',
	'alert.info.category',
	'alert.info.responseType',
	'alert.info.eventCode',
	'alert.info.parameter',
	'alert.info.resource',
	'alert.info.area',
	'alert.info.area.polygon',
	'alert.info.area.circle',
	'alert.info.area.geocode'
]);

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	// Values stay text: "0.0" must not become 0, nor an identifier "1e3" a number.
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	// `cap:alert` and `alert` alike; the namespace itself is checked on the root below.
	transformTagName: (name) => name.replace(/^[^:]*:/, ''),
	processEntities: true,
	htmlEntities: false,
	isArray: (_name, jpath) => REPEATED.has(String(jpath))
});

/** `info[0].area[1].polygon[0]` from a zod path. */
export function elementPath(path: readonly PropertyKey[]): string {
	return path
		.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
		.join('');
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
	const parts = issues.slice(0, 3).map((issue) => {
		const at = elementPath(issue.path);
		const message =
			issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
		return `alert${at ? (at.startsWith('[') ? '' : '.') + at : ''}: ${message}`;
	});
	if (issues.length > 3) parts.push(`(+${issues.length - 3} more)`);
	return parts.join('; ');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates one CAP 1.2 document (text already decoded from UTF-8). */
export function parseCap(xml: string): CapParse {
	if (/<!DOCTYPE/i.test(xml))
		return { ok: false, reason: 'not_xml', detail: 'DOCTYPE is not allowed in a CAP message' };
	const valid = XMLValidator.validate(xml);
	if (valid !== true)
		return {
			ok: false,
			reason: 'not_xml',
			detail: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`
		};
	let doc: unknown;
	try {
		doc = parser.parse(xml);
	} catch (e) {
		return { ok: false, reason: 'not_xml', detail: `malformed XML: ${String(e)}` };
	}
	const root = isRecord(doc) ? doc.alert : undefined;
	if (!isRecord(root))
		return { ok: false, reason: 'schema', detail: 'the root element is not a CAP <alert>' };
	const namespaces = Object.entries(root).filter(
		([k]) => k === '@xmlns' || k.startsWith('@xmlns:')
	);
	if (!namespaces.some(([, v]) => v === CAP_NAMESPACE)) {
		const got = namespaces.map(([, v]) => String(v)).join(', ') || 'none';
		return {
			ok: false,
			reason: 'schema',
			detail: `alert: namespace must be ${CAP_NAMESPACE} (CAP 1.2), got ${got.slice(0, 120)}`
		};
	}
	const result = capAlertSchema.safeParse(root);
	if (!result.success)
		return { ok: false, reason: 'schema', detail: describe(result.error.issues) };
	const alert = result.data;
	return { ok: true, alert, exercise: exerciseOf(alert) };
}

/**
 * The drill an alert belongs to: only an Exercise alert can carry one (an Actual alert is never
 * moved out of the real picture by a parameter).
 */
export function exerciseOf(alert: CapAlert): string | null {
	if (alert.status !== 'Exercise') return null;
	for (const info of alert.info)
		for (const p of info.parameter) if (p.valueName === EXERCISE_PARAMETER) return p.value;
	return null;
}

/** The key CAP references an alert by (CAP 1.2 §3.2.1), with `sent` normalised to UTC. */
export function capKey(sender: string, identifier: string, sentIso: string): string {
	return `${sender},${identifier},${sentIso}`;
}
