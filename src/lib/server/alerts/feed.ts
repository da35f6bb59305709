/**
 * An Atom 1.0 index of CAP alerts (RFC 4287), the way warning services publish CAP (the OASIS
 * CAP feeds note): one entry per alert, linking to its CAP 1.2 document.
 */
import { xmlDocument } from '$lib/xml';
import { buildCap } from '$lib/contracts';
import type { HeldAlert } from './held';

export function capFeed(alerts: readonly HeldAlert[], base: string, now: Date): string {
	const link = (id: string) => `${base}?id=${encodeURIComponent(id)}`;
	const feed = {
		'@xmlns': 'http://www.w3.org/2005/Atom',
		id: base,
		title: 'eocwall CAP alerts',
		updated: now.toISOString(),
		entry: alerts.map((a) => {
			const info = a.doc.info[0];
			return {
				id: `urn:cap:${a.id}`,
				title: info?.headline || info?.event || a.identifier,
				updated: a.sent,
				author: { name: a.sender },
				summary: `${info?.severity ?? 'Unknown'} · ${a.status} · ${a.msgType}, until ${a.expiresAt}`,
				link: { '@rel': 'alternate', '@type': 'application/cap+xml', '@href': link(a.id) }
			};
		})
	};
	return xmlDocument('feed', feed);
}

/** One alert as a CAP 1.2 document. */
export const capDocument = (a: HeldAlert) => buildCap(a.doc);
