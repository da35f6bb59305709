import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { MQTT_PATH } from '$lib/server/broker/edges';
import { audit } from '$lib/server/auth/audit';
import { clientAddress, recordFailure, waitBeforeTrying } from '$lib/server/auth/throttle';
import { services } from '$lib/server/app/runtime';
import { normalizePairingCode } from '$lib/server/devices/pairing-code';
import { pairingAvailable, redeemPairing } from '$lib/server/devices/pairing';
import { log } from '$lib/server/ops/log';
import type { RequestHandler } from './$types';

/** The body: a code as typed (case, spaces and dashes do not matter). */
const redeemSchema = z.object({ code: z.string().max(64) });

const problem = (status: number, error: string, message: string) =>
	json({ error, message }, { status });

/**
 * A phone redeems its one-time pairing code (POST, public: the code is what authorises) and gets
 * its device credential, once. Unknown, used and expired codes get one answer, and each counts
 * against the client address in the sign-in throttle, so codes cannot be guessed: in a bucket of
 * its own (`pair:{address}`), so wrong codes typed on the EOC's own network (one NAT address) do
 * not hold up the operators' sign-in, nor the other way round.
 */
export const POST: RequestHandler = async (event) => {
	const { db, config, broker } = services();
	const address = clientAddress(event);
	if (!pairingAvailable(config) || !broker)
		return problem(
			409,
			'pairing_unavailable',
			"This EOC's MQTT broker cannot check device credentials: pairing a phone needs the " +
				'embedded broker with MQTT_DEVICE_AUTH=on (see docs/deploy.md).'
		);
	let body: unknown;
	try {
		body = JSON.parse(await event.request.text());
	} catch {
		return problem(400, 'bad_request', 'Send JSON: {"code": "ABCD-EFGH"}.');
	}
	const parsed = redeemSchema.safeParse(body);
	if (!parsed.success) return problem(400, 'bad_request', 'Send JSON: {"code": "ABCD-EFGH"}.');
	const wait = await waitBeforeTrying(db, { address: `pair:${address}` });
	if (wait > 0)
		return json(
			{
				error: 'too_many_tries',
				message: `Too many wrong codes from this address: try again in ${wait} seconds.`
			},
			{ status: 429, headers: { 'retry-after': String(wait) } }
		);
	const code = normalizePairingCode(parsed.data.code);
	const redeemed = code
		? await db.transaction(async (tx) => {
				const r = await redeemPairing(tx, code);
				if (r)
					await audit(tx, {
						actor: 'anonymous',
						action: 'device-paired',
						target: r.credential.username,
						detail: { teamId: r.pairing.teamId, pairingId: r.pairing.id, name: r.pairing.name },
						address
					});
				return r;
			})
		: null;
	if (!redeemed) {
		await recordFailure(db, { address: `pair:${address}` });
		await audit(db, { actor: 'anonymous', action: 'device-pair-refused', address });
		return problem(
			404,
			'pairing_unknown',
			'This pairing code is unknown, already used or expired: ask the EOC for a new one.'
		);
	}
	const { credential, secret, pairing } = redeemed;
	log.info({ username: credential.username, teamId: pairing.teamId }, 'device paired');
	const [team] = await db.query<{ callsign: string }>('select callsign from team where id = $1', [
		pairing.teamId
	]);
	return json(
		{
			teamId: pairing.teamId,
			callsign: team?.callsign ?? pairing.teamId,
			username: credential.username,
			password: secret,
			// The username alone is a client id reserved for this credential (auth/device-acl.ts).
			clientId: credential.username,
			mqttPath: MQTT_PATH,
			credentialId: credential.id
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
