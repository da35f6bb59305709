/**
 * The heavy-rain warning as a CAP 1.2 alert (OASIS CAP v1.2, status Exercise), published as XML
 * on eoc/v1/alerts/cap. The exercise id travels in a `<parameter>` named `eocwall:exercise`, as
 * the CAP ingest reads it. Built with fast-xml-parser's XMLBuilder (escaping done by the library)
 * and checked for well-formedness before it leaves.
 */
import { XMLBuilder, XMLValidator } from 'fast-xml-parser';
import type { Effect } from '../scenario/schema';

export const CAP_TOPIC = 'eoc/v1/alerts/cap';
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_EXERCISE_PARAMETER = 'eocwall:exercise';
/** CAP `<sender>` of the drill's alerts (with `<identifier>`, what identifies an alert). */
export const CAP_SENDER = 'eocwall-drill@kulob.example';

type CapEffect = Extract<Effect, { kind: 'cap' }>;

/** CAP dateTime: `2026-05-07T03:00:00+00:00` (CAP 1.2 §3.3.2 forbids `Z`). */
export function capTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

export interface CapInput {
	effect: CapEffect;
	identifier: string;
	exerciseId: string;
	sentMs: number;
}

export function capAlertXml({ effect, identifier, exerciseId, sentMs }: CapInput): string {
	const polygon = effect.area.polygon.map(([lat, lon]) => `${lat},${lon}`).join(' ');
	const alert = {
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		alert: {
			'@_xmlns': CAP_NS,
			identifier,
			sender: CAP_SENDER,
			sent: capTime(sentMs),
			status: 'Exercise',
			msgType: 'Alert',
			scope: 'Public',
			note: `Exercise ${exerciseId}. This is a drill.`,
			info: {
				language: 'en',
				category: 'Met',
				event: effect.event,
				urgency: effect.urgency,
				severity: effect.severity,
				certainty: effect.certainty,
				effective: capTime(sentMs),
				expires: capTime(sentMs + effect.expiresHours * 3600_000),
				senderName: effect.sender,
				headline: effect.headline,
				description: effect.description,
				...(effect.instruction ? { instruction: effect.instruction } : {}),
				parameter: { valueName: CAP_EXERCISE_PARAMETER, value: exerciseId },
				area: { areaDesc: effect.area.desc, polygon }
			}
		}
	};
	const xml = new XMLBuilder({ ignoreAttributes: false, format: true }).build(alert) as string;
	const valid = XMLValidator.validate(xml);
	if (valid !== true) throw new Error(`CAP alert is not well-formed XML: ${valid.err.msg}`);
	return xml;
}
