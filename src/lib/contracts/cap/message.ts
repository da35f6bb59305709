/**
 * CAP 1.2 on MQTT: `eoc/v1/alerts/cap`, one CAP XML document per message (UTF-8, at most
 * 384 KiB, MAX_PAYLOAD_BYTES). The ingest dedups it by its CAP key: sender `cap:{sender}`, msgId
 * "identifier,sent" (CAP 1.2 §3.2.1: an identifier is unique per sender).
 */
import { decodeText, oneLine } from '../decode';
import { MAX_FUTURE_SKEW_MS } from '../clock';
import { parseCap } from './parse';
import type { CapAlert } from './schema';

export const CAP_TOPIC = 'eoc/v1/alerts/cap';

export interface CapAlertMessage {
	family: 'cap_alert';
	topic: string;
	/** `cap:` and the CAP sender. */
	sender: string;
	/** "identifier,sent" (sent in UTC). */
	msgId: string;
	/** `sent`. */
	ts: Date;
	/** The drill, for an Exercise alert carrying the eocwall:exercise parameter. */
	exercise: string | null;
	body: CapAlert;
	/** Where it came from when not MQTT: an operator's upload, or issued by the EOC. */
	origin?: 'mqtt' | 'upload' | 'eoc';
	/** The user who uploaded or issued it. */
	actor?: string;
	/** What the dedup compares instead of the raw payload (none: the payload itself). */
	fingerprint?: undefined;
}

type CapRejectReason = 'too_large' | 'not_utf8' | 'not_xml' | 'schema' | 'future_ts';

/** What parseCapMessage gives: one of the cases of parse.ts ParseResult. */
export type CapParseResult =
	| { ok: true; message: CapAlertMessage }
	| {
			ok: false;
			family: 'cap_alert';
			reason: CapRejectReason;
			detail: string;
			msgId: string | null;
			sender: string | null;
	  };

export function parseCapMessage(topic: string, payload: Uint8Array, now: Date): CapParseResult {
	const reject = (reason: CapRejectReason, detail: string, alert?: CapAlert): CapParseResult => ({
		ok: false,
		family: 'cap_alert',
		reason,
		detail: oneLine(detail) || reason,
		msgId: alert ? `${alert.identifier},${alert.sent}` : null,
		sender: alert ? `cap:${alert.sender}` : null
	});
	const decoded = decodeText(payload);
	if (!decoded.ok) return reject(decoded.reason, decoded.detail);
	const parsed = parseCap(decoded.text);
	if (!parsed.ok) return reject(parsed.reason, parsed.detail);
	const alert = parsed.alert;
	const ts = new Date(alert.sent);
	const skewMs = ts.getTime() - now.getTime();
	if (skewMs > MAX_FUTURE_SKEW_MS)
		return reject(
			'future_ts',
			`alert.sent ${alert.sent} is ${Math.round(skewMs / 1000)} s ahead of now ${now.toISOString()}`,
			alert
		);
	return {
		ok: true,
		message: {
			family: 'cap_alert',
			topic,
			sender: `cap:${alert.sender}`,
			msgId: `${alert.identifier},${alert.sent}`,
			ts,
			exercise: parsed.exercise,
			body: alert
		}
	};
}
