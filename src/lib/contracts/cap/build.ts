/**
 * CAP 1.2 XML from an alert (the shape parseCap returns), in the element order the OASIS
 * schema's sequences require; written by fast-xml-parser's builder, which escapes text.
 * Used for the EOC's own alerts and for exporting any alert the EOC holds.
 */
import { xmlDocument } from '../../xml';
import { CAP_NAMESPACE, type CapAlert, type CapArea, type CapInfo } from './schema';

/** CAP 1.2 §3.3.2: "2002-05-24T16:49:00-07:00"; UTC is written "+00:00", never "Z". */
export function capTimeText(iso: string | Date): string {
	const d = typeof iso === 'string' ? new Date(iso) : iso;
	return d.toISOString().slice(0, 19) + '+00:00';
}

type Node = Record<string, unknown>;

/** Keeps only the keys with a value, in the order given (undefined and empty arrays dropped). */
function ordered(entries: [string, unknown][]): Node {
	const out: Node = {};
	for (const [k, v] of entries) {
		if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
		out[k] = v;
	}
	return out;
}

/** The input of the writer: `sent` and the info times may be ISO strings in any zone. */
export type CapInput = CapAlert;

function areaNode(a: Pick<CapArea, 'areaDesc' | 'polygons' | 'circles' | 'geocodes'>): Node {
	return ordered([
		['areaDesc', a.areaDesc],
		['polygon', a.polygons],
		['circle', a.circles],
		[
			'geocode',
			a.geocodes.map((g) =>
				ordered([
					['valueName', g.valueName],
					['value', g.value]
				])
			)
		]
	]);
}

function infoNode(i: CapInfo): Node {
	const pairs = (list: { valueName: string; value: string }[]) =>
		list.map((p) =>
			ordered([
				['valueName', p.valueName],
				['value', p.value]
			])
		);
	return ordered([
		['language', i.language],
		['category', i.category],
		['event', i.event],
		['responseType', i.responseType],
		['urgency', i.urgency],
		['severity', i.severity],
		['certainty', i.certainty],
		['audience', i.audience],
		['eventCode', pairs(i.eventCode)],
		['effective', i.effective && capTimeText(i.effective)],
		['onset', i.onset && capTimeText(i.onset)],
		['expires', i.expires && capTimeText(i.expires)],
		['senderName', i.senderName],
		['headline', i.headline],
		['description', i.description],
		['instruction', i.instruction],
		['web', i.web],
		['contact', i.contact],
		['parameter', pairs(i.parameter)],
		['area', i.area.map(areaNode)]
	]);
}

/** A complete CAP 1.2 document, UTF-8, default namespace. */
export function buildCap(alert: CapInput): string {
	const references = alert.references
		?.map((r) => `${r.sender},${r.identifier},${capTimeText(r.sent)}`)
		.join(' ');
	const body = ordered([
		['@xmlns', CAP_NAMESPACE],
		['identifier', alert.identifier],
		['sender', alert.sender],
		['sent', capTimeText(alert.sent)],
		['status', alert.status],
		['msgType', alert.msgType],
		['source', alert.source],
		['scope', alert.scope],
		['restriction', alert.restriction],
		['addresses', alert.addresses],
		['code', alert.code],
		['note', alert.note],
		['references', references || undefined],
		['incidents', alert.incidents],
		['info', alert.info.map(infoNode)]
	]);
	return xmlDocument('alert', body);
}
