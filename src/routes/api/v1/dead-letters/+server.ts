import { error, json } from '@sveltejs/kit';
import { requireReader } from '$lib/server/auth/access';
import { iso } from '$lib/server/db/bulk';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

/**
 * Rejected messages, newest first: `?limit=` (1–1000, default 100), `?before=` (an id, to page),
 * `?reason=`. The raw payload is given as UTF-8 text when it is valid UTF-8, else base64; of an
 * oversized one only its first bytes are kept (`payloadTruncated`), with the size and SHA-256 of
 * the whole (`payloadBytes`, `payloadSha256`).
 */
export const GET: RequestHandler = async (event) => {
	requireReader(event);
	const p = event.url.searchParams;
	const limit = p.get('limit') ?? '100';
	const before = p.get('before');
	const reason = p.get('reason');
	if (!/^\d{1,4}$/.test(limit) || +limit < 1 || +limit > 1000) {
		error(400, 'limit must be a whole number from 1 to 1000');
	}
	if (before !== null && !/^\d{1,15}$/.test(before)) error(400, 'before must be a message id');
	if (reason !== null && !/^[a-z_]{1,40}$/.test(reason)) error(400, 'reason is not a known reason');
	const rows = await services().db.query<{
		id: string;
		topic: string;
		payload: Uint8Array;
		payload_bytes: number | null;
		payload_sha256: string | null;
		reason: string;
		detail: string;
		sender: string | null;
		msg_id: string | null;
		received_at: string;
	}>(
		`select id, topic, payload, payload_bytes, payload_sha256, reason, detail, sender, msg_id, ${iso('received_at')} as received_at
		from dead_letter
		where ($1::bigint is null or id < $1::bigint) and ($2::text is null or reason = $2::text)
		order by id desc limit $3::int`,
		[before, reason, Number(limit)]
	);
	const decoder = new TextDecoder('utf-8', { fatal: true });
	return json(
		rows.map((r) => {
			const bytes = Buffer.from(r.payload);
			let text: string | null;
			try {
				text = decoder.decode(bytes);
			} catch {
				text = null; // not UTF-8: sent as base64 below
			}
			return {
				id: Number(r.id),
				topic: r.topic,
				reason: r.reason,
				detail: r.detail,
				sender: r.sender,
				msgId: r.msg_id,
				receivedAt: r.received_at,
				payload: text ?? bytes.toString('base64'),
				payloadEncoding: text === null ? 'base64' : 'utf8',
				payloadBytes: r.payload_bytes ?? bytes.length,
				payloadSha256: r.payload_sha256,
				payloadTruncated: r.payload_bytes !== null && r.payload_bytes > bytes.length
			};
		})
	);
};
