/**
 * Pairing the phone: the one-time code from /admin/devices is exchanged once for the device's
 * credential (POST /api/v1/field/pair), which is stored on the phone and never shown.
 */
import { normalizePairingCode } from '$lib/pairing-code';
import { fieldDb, getKv, setKv, type FieldCredential } from './db';

export const CREDENTIAL_KEY = 'credential';

export type PairFailure =
	| 'code_format'
	| 'storage'
	| 'pairing_unknown'
	| 'too_many_tries'
	| 'pairing_unavailable'
	| 'network'
	| 'server';

/** The code carried in a pairing link (`/field#pair=ABCD-EFGH`), if any. */
export function codeFromHash(hash: string): string | null {
	const value = new URLSearchParams(hash.replace(/^#/, '')).get('pair');
	return value ? normalizePairingCode(value) : null;
}

function isCredential(v: unknown): v is Omit<FieldCredential, 'pairedAt'> {
	if (!v || typeof v !== 'object') return false;
	const o = v as Record<string, unknown>;
	const keys = ['teamId', 'callsign', 'username', 'password', 'clientId', 'mqttPath'] as const;
	return (
		keys.every((k) => typeof o[k] === 'string' && (o[k] as string).length > 0) &&
		(o.mqttPath as string).startsWith('/')
	);
}

export async function pair(
	text: string
): Promise<{ ok: true; credential: FieldCredential } | { ok: false; problem: PairFailure }> {
	const code = normalizePairingCode(text);
	if (!code) return { ok: false, problem: 'code_format' };
	// The code is spent once the EOC answers: make sure the phone can keep the answer first.
	try {
		await setKv('storage-check', Date.now());
	} catch {
		return { ok: false, problem: 'storage' };
	}
	let res: Response;
	try {
		res = await fetch('/api/v1/field/pair', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code })
		});
	} catch {
		return { ok: false, problem: 'network' };
	}
	const body: unknown = await res.json().catch(() => null);
	if (!res.ok) {
		const error = (body as { error?: unknown } | null)?.error;
		const known = ['pairing_unknown', 'too_many_tries', 'pairing_unavailable'] as const;
		const problem = known.find((k) => k === error) ?? 'server';
		return { ok: false, problem };
	}
	if (!isCredential(body)) return { ok: false, problem: 'server' };
	const o = body as Record<string, unknown>;
	const credential: FieldCredential = {
		teamId: body.teamId,
		callsign: body.callsign,
		username: body.username,
		password: body.password,
		clientId: body.clientId,
		mqttPath: body.mqttPath,
		credentialId: typeof o.credentialId === 'string' ? o.credentialId : '',
		pairedAt: Date.now()
	};
	try {
		await setKv(CREDENTIAL_KEY, credential);
	} catch {
		return { ok: false, problem: 'storage' };
	}
	// Ask the browser not to evict the credential and the queue when space runs low.
	void navigator.storage?.persist?.().catch(() => false);
	return { ok: true, credential };
}

export const storedCredential = () => getKv<FieldCredential>(CREDENTIAL_KEY);

/**
 * Unpairs: the credential and what belonged to the team (its tasking and answers, status, last
 * position, sent log, refusals) leave the phone; the messages waiting stay.
 */
export async function forgetCredential(): Promise<void> {
	const db = await fieldDb();
	const tx = db.transaction(['kv', 'sent', 'refused'], 'readwrite');
	await tx.objectStore('kv').clear();
	await tx.objectStore('sent').clear();
	await tx.objectStore('refused').clear();
	await tx.done;
}
