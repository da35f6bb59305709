/**
 * The first steps of reading any MQTT payload (ours or an adapter's): size, UTF-8, JSON, an
 * object, text PostgreSQL can store. Shared by `parse.ts` (v1 topics) and `adapters/` (OwnTracks,
 * Meshtastic), so each format's validator starts from the same checks and the same details.
 */
import type { z } from 'zod';

/**
 * docs/design.md: "JSON, UTF-8, at most 384 KiB". Room for an incident report with the largest
 * photo (MAX_PHOTO_BYTES as base64: 273,068 bytes) and every text field at its longest, even
 * written as \u escapes (about 91 KB): 364 KB in all.
 */
export const MAX_PAYLOAD_BYTES = 384 * 1024;
/** The embedded broker's default packet limit: the payload limit plus 8 KiB for topic and headers. */
export const DEFAULT_MAX_PACKET_BYTES = MAX_PAYLOAD_BYTES + 8 * 1024;
const MAX_ISSUES = 3;
/** Details are stored and shown: one line, at most this long. */
export const MAX_DETAIL_CHARS = 500;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One line, bounded: details land in a table and on a page. */
export function oneLine(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS - 1)}…` : flat;
}

/** `lat: Too big: expected number to be <=90; …` from at most MAX_ISSUES zod issues. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
	const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
		const path = issue.path.map(String).join('.');
		return path ? `${path}: ${issue.message}` : issue.message;
	});
	if (issues.length > MAX_ISSUES) parts.push(`(+${issues.length - MAX_ISSUES} more)`);
	return oneLine(parts.join('; ')) || 'invalid payload';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// U+0000 and unpaired surrogates are legal in JSON (as \u0000, \ud800) but PostgreSQL text and
// jsonb cannot hold them: caught here, they are a rejection with a reason, not a failed commit.
export const UNSTORABLE_TEXT =
	// eslint-disable-next-line no-control-regex
	/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (key or value) PostgreSQL could not store, or null. */
export function unstorableText(value: unknown, path = 'payload', depth = 0): string | null {
	if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? path : null;
	if (depth > 64 || typeof value !== 'object' || value === null) return null;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = unstorableText(value[i], `${path}[${i}]`, depth + 1);
			if (found) return found;
		}
		return null;
	}
	for (const [key, v] of Object.entries(value)) {
		if (UNSTORABLE_TEXT.test(key)) return `${path} (a key)`;
		const found = unstorableText(v, path === 'payload' ? key : `${path}.${key}`, depth + 1);
		if (found) return found;
	}
	return null;
}

/** Own string field, or null: never read through the prototype of untrusted input. */
export function ownString(obj: unknown, key: string): string | null {
	if (!isRecord(obj) || !Object.hasOwn(obj, key)) return null;
	const value = obj[key];
	return typeof value === 'string' ? value : null;
}

export type DecodeFailure = {
	ok: false;
	reason: 'too_large' | 'not_utf8' | 'not_json' | 'schema';
	detail: string;
};

/** Payload bytes → text, checked for size and UTF-8 (every format, JSON or XML, starts here). */
export function decodeText(
	payload: Uint8Array
): { ok: true; text: string } | (DecodeFailure & { reason: 'too_large' | 'not_utf8' }) {
	if (payload.byteLength > MAX_PAYLOAD_BYTES)
		return {
			ok: false,
			reason: 'too_large',
			detail: `payload is ${payload.byteLength} bytes, limit ${MAX_PAYLOAD_BYTES}`
		};
	try {
		return { ok: true, text: utf8.decode(payload) };
	} catch {
		return { ok: false, reason: 'not_utf8', detail: 'payload is not valid UTF-8' };
	}
}

/**
 * Payload bytes → a JSON object with storable text, or the first check it fails. `escaped` says
 * whether the text holds a `\u` escape: only such a text can parse to an unstorable string, since
 * JSON forbids a raw U+0000 (a control character) and the fatal UTF-8 decoder never yields an
 * unpaired surrogate. Without one, the walk through every string is skipped (the hot path).
 */
export function decodeJsonObject(
	payload: Uint8Array,
	{ checkText = true }: { checkText?: boolean } = {}
): { ok: true; json: Record<string, unknown>; escaped: boolean } | DecodeFailure {
	const decoded = decodeText(payload);
	if (!decoded.ok) return decoded;
	const text = decoded.text;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return { ok: false, reason: 'not_json', detail: oneLine(`not JSON: ${why}`) };
	}
	if (!isRecord(json)) {
		const got = json === null ? 'null' : Array.isArray(json) ? 'array' : typeof json;
		return { ok: false, reason: 'schema', detail: `payload: expected a JSON object, got ${got}` };
	}
	const escaped = text.includes('\\u');
	const bad = checkText && escaped ? unstorableText(json) : null;
	if (bad)
		return {
			ok: false,
			reason: 'schema',
			detail: `${bad}: text holds a NUL character or an unpaired surrogate`
		};
	return { ok: true, json, escaped };
}
