/**
 * The frame every adapter shares: decode the payload (decode.ts), let the format's reader
 * validate it, then refuse a time too far ahead. A reader never throws; it says why it refuses.
 */
import { z } from 'zod';
import { MAX_FUTURE_SKEW_MS } from '../clock';
import { MIN_TS_MS } from '../common';
import { decodeJsonObject, oneLine } from '../decode';
import type { AdapterFamily, AdapterRejectReason, DeviceEvent } from './device';

export type AdapterReason =
	| 'too_large'
	| 'not_utf8'
	| 'not_json'
	| 'unknown_topic'
	| 'schema'
	| 'future_ts'
	| AdapterRejectReason;

export interface AdapterMessage {
	family: AdapterFamily;
	topic: string;
	sender: string;
	msgId: string;
	ts: Date;
	exercise: null;
	/** What makes two deliveries the same message when the bytes differ (several gateways). */
	fingerprint?: string;
	body: DeviceEvent;
}

export type AdapterResult =
	| { ok: true; message: AdapterMessage }
	| {
			ok: false;
			family: AdapterFamily;
			reason: AdapterReason;
			detail: string;
			msgId: string | null;
			sender: string | null;
	  };

/** What a format's reader says; `sender` when it is in the payload rather than the topic. */
export type ReaderResult =
	| { ok: true; sender?: string; msgId: string; ts: Date; fingerprint?: string; body: DeviceEvent }
	| { ok: false; reason: AdapterReason; detail: string; msgId?: string; sender?: string };

/** Epoch seconds, as OwnTracks and Meshtastic send time, to a Date; milliseconds are refused. */
export const epochSecondsSchema = z
	.int()
	.superRefine((v, ctx) => {
		if (v > 1e11)
			ctx.addIssue({
				code: 'custom',
				message: `${v} looks like epoch milliseconds; this format sends epoch seconds`
			});
		else if (v * 1000 < MIN_TS_MS)
			ctx.addIssue({ code: 'custom', message: `${v} is before 2000: is the device clock set?` });
	})
	.transform((v) => new Date(v * 1000));

/**
 * Decodes the payload, runs the format's reader on it, and refuses a time more than
 * MAX_FUTURE_SKEW_MS ahead of the ingest's clock `now`.
 */
export function readAdapter(
	family: AdapterFamily,
	topic: string,
	sender: string | null,
	payload: Uint8Array,
	now: Date,
	reader: (json: Record<string, unknown>, now: Date) => ReaderResult
): AdapterResult {
	const fail = (
		reason: AdapterReason,
		detail: string,
		msgId: string | null = null,
		from: string | null = sender
	) => ({
		ok: false as const,
		family,
		reason,
		detail: oneLine(detail) || reason,
		msgId,
		sender: from
	});
	const decoded = decodeJsonObject(payload);
	if (!decoded.ok) return fail(decoded.reason, decoded.detail);
	const read = reader(decoded.json, now);
	if (!read.ok) return fail(read.reason, read.detail, read.msgId ?? null, read.sender ?? sender);
	const from = read.sender ?? sender;
	if (from === null) return fail('schema', 'no sender in the topic or the payload');
	const skewMs = read.ts.getTime() - now.getTime();
	if (skewMs > MAX_FUTURE_SKEW_MS)
		return fail(
			'future_ts',
			`time ${read.ts.toISOString()} is ${Math.round(skewMs / 1000)} s ahead of now ` +
				`${now.toISOString()} (limit ${MAX_FUTURE_SKEW_MS / 1000} s)`,
			read.msgId,
			from
		);
	const { ok: _ok, sender: _sender, ...rest } = read;
	return { ok: true, message: { family, topic, sender: from, exercise: null, ...rest } };
}
