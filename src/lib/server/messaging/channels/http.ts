/**
 * HTTP for the adapters that speak it (the SMS gateway, Telegram): one attempt with a deadline,
 * and what a failure means for a retry. A network failure, a timeout, 408, 429 and 5xx are the
 * channel's trouble and pass: retry. Other 4xx are the adapter's to read (each protocol says
 * which are for good).
 */
import type { SendResult } from '../channel';

/** A send that did not go. */
export type Failure = Extract<SendResult, { ok: false }>;

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
}

export const HTTP_TIMEOUT_MS = 15_000;

/** The reply, or the reason no reply came (refused, timed out, reset…). */
export async function attempt(
	url: string,
	init: RequestInit,
	timeoutMs = HTTP_TIMEOUT_MS
): Promise<Reply | { error: string }> {
	try {
		const deadline = AbortSignal.timeout(timeoutMs);
		const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
		const res = await fetch(url, { ...init, signal });
		return { status: res.status, headers: res.headers, text: await res.text() };
	} catch (e) {
		return { error: networkReason(e) };
	}
}

/** A network error in words: "connection refused (ECONNREFUSED)", "timed out after 15 s". */
export function networkReason(e: unknown): string {
	if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
		return 'timed out';
	const cause =
		e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
	const code = cause?.code;
	const words: Record<string, string> = {
		ECONNREFUSED: 'connection refused',
		ECONNRESET: 'connection reset',
		ENOTFOUND: 'host not found',
		EHOSTUNREACH: 'host unreachable',
		ETIMEDOUT: 'connection timed out',
		UND_ERR_SOCKET: 'connection closed by the other side'
	};
	if (code) return `${words[code] ?? 'network error'} (${code})`;
	return e instanceof Error ? (cause?.message ?? e.message) : String(e);
}

/** Retry-After (seconds or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers): number | undefined {
	const v = headers.get('retry-after');
	if (!v) return undefined;
	const s = Number(v);
	if (Number.isFinite(s) && s >= 0) return s * 1000;
	const at = Date.parse(v);
	return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** The retryable result for a failure of the channel itself; null for a reply the adapter reads. */
export function transient(r: Reply | { error: string }, what: string): Failure | null {
	if ('error' in r) return { ok: false, retry: true, reason: `${what}: ${r.error}` };
	if (r.status === 429)
		return {
			ok: false,
			retry: true,
			reason: `${what}: too many requests (429)`,
			retryAfterMs: retryAfterMs(r.headers)
		};
	if (r.status === 408 || r.status >= 500)
		return {
			ok: false,
			retry: true,
			reason: `${what}: HTTP ${r.status} ${snippet(r.text)}`.trim()
		};
	return null;
}

/** The start of an error body, for a reason a person reads (bounded: a body may be a page). */
export function snippet(text: string): string {
	return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** A URL's user and password as a Basic Authorization header, and the URL without them (fetch refuses URLs with credentials). */
export function basicAuth(
	raw: string,
	user?: string,
	password?: string
): { base: string; authorization: string | null } {
	const u = new URL(raw);
	const name = user ?? decodeURIComponent(u.username);
	const pass = password ?? decodeURIComponent(u.password);
	u.username = '';
	u.password = '';
	const base = u.toString().replace(/\/+$/, '');
	const authorization = name ? 'Basic ' + Buffer.from(`${name}:${pass}`).toString('base64') : null;
	return { base, authorization };
}
