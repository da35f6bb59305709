import { clientAddress } from '$lib/server/auth/throttle';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { ID_PATTERN, topics } from '$lib/contracts';
import { hidePassword } from '$lib/server/app/config';
import { actorOf, audit } from '$lib/server/auth/audit';
import {
	createDeviceCredential,
	listDeviceCredentials,
	revokeDeviceCredential,
	teamChoices
} from '$lib/server/auth/devices';
import { services } from '$lib/server/app/runtime';
import { formatPairingCode } from '$lib/server/devices/pairing-code';
import {
	cancelPairing,
	createPairing,
	listPendingPairings,
	pairingAvailable
} from '$lib/server/devices/pairing';
import { pairingLink, publicOrigin, qrDrawing } from '$lib/server/devices/pairing-qr';
import { addTeam, newTeamSchema, TEAM_KINDS } from '$lib/server/teams/roster';
import type { Actions, PageServerLoad } from './$types';

const newCredential = z.object({
	teamId: z.string().regex(ID_PATTERN, 'device_team_unknown'),
	name: z.string().trim().min(1, 'name_missing').max(80, 'name_too_long')
});

export const load: PageServerLoad = async () => {
	const { db, config, mqttUrl } = services();
	const teams = await teamChoices(db);
	const callsign = new Map(teams.map((t) => [t.id, t.callsign]));
	return {
		teams,
		kinds: TEAM_KINDS,
		// Whether the broker the devices reach enforces these credentials (docs/deploy.md).
		pairing: pairingAvailable(config),
		pending: (await listPendingPairings(db)).map((p) => ({
			id: p.id,
			teamId: p.teamId,
			team: callsign.get(p.teamId) ?? p.teamId,
			name: p.name,
			createdBy: p.createdBy,
			createdAt: p.createdAt.getTime(),
			expiresAt: p.expiresAt.getTime()
		})),
		enforcement: config.MQTT_URL
			? { kind: 'external' as const, url: hidePassword(mqttUrl) }
			: { kind: config.MQTT_DEVICE_AUTH, host: config.MQTT_HOST },
		credentials: (await listDeviceCredentials(db)).map((c) => ({
			id: c.id,
			teamId: c.teamId,
			team: callsign.get(c.teamId) ?? c.teamId,
			name: c.name,
			username: c.username,
			createdBy: c.createdBy,
			createdAt: c.createdAt.getTime(),
			lastSeenAt: c.lastSeenAt?.getTime() ?? null,
			revoked: c.revokedAt !== null
		}))
	};
};

export const actions: Actions = {
	/** Registers a team before it reports, so its device can be given a credential. */
	team: async (event) => {
		const { db } = services();
		const form = await event.request.formData();
		const team = {
			id: String(form.get('id') ?? '').trim(),
			callsign: String(form.get('callsign') ?? ''),
			kind: String(form.get('kind') ?? ''),
			homeBase: String(form.get('homeBase') ?? '')
		};
		const parsed = newTeamSchema.safeParse(team);
		if (!parsed.success) return fail(400, { team, problem: parsed.error.issues[0].message });
		if (!(await addTeam(db, parsed.data))) return fail(409, { team, problem: 'team_exists' });
		await audit(db, {
			actor: actorOf(event.locals.principal),
			action: 'team-add',
			target: parsed.data.id,
			detail: { callsign: parsed.data.callsign, kind: parsed.data.kind },
			address: clientAddress(event)
		});
		return { teamAdded: parsed.data.id };
	},
	/** The secret is in this answer only; the table keeps its hash. */
	issue: async (event) => {
		const { db } = services();
		const form = await event.request.formData();
		const fields = {
			teamId: String(form.get('teamId') ?? ''),
			name: String(form.get('name') ?? '')
		};
		const parsed = newCredential.safeParse(fields);
		if (!parsed.success) return fail(400, { fields, problem: parsed.error.issues[0].message });
		const { teamId, name } = parsed.data;
		if (!(await teamChoices(db)).some((t) => t.id === teamId))
			return fail(400, { fields, problem: 'device_team_unknown' });
		const actor = actorOf(event.locals.principal);
		const { secret, row } = await createDeviceCredential(db, { teamId, name, createdBy: actor });
		await audit(db, {
			actor,
			action: 'device-issue',
			target: row.username,
			detail: { id: row.id, teamId, name },
			address: clientAddress(event)
		});
		return {
			issued: {
				name: row.name,
				username: row.username,
				password: secret,
				topics: {
					position: topics.position(teamId),
					status: topics.status(teamId),
					report: topics.incidentReport(),
					tasking: topics.tasking(teamId)
				}
			}
		};
	},
	/**
	 * A one-time code (and its QR link) for a team's phone: no credential exists until the phone
	 * redeems it, and the code is in this answer only.
	 */
	pair: async (event) => {
		const { db, config } = services();
		const form = await event.request.formData();
		const pairFields = {
			teamId: String(form.get('teamId') ?? ''),
			name: String(form.get('name') ?? '')
		};
		if (!pairingAvailable(config)) return fail(409, { pairFields, problem: 'pair_unavailable' });
		const parsed = newCredential.safeParse(pairFields);
		if (!parsed.success) return fail(400, { pairFields, problem: parsed.error.issues[0].message });
		const { teamId, name } = parsed.data;
		const team = (await teamChoices(db)).find((t) => t.id === teamId);
		if (!team) return fail(400, { pairFields, problem: 'device_team_unknown' });
		const actor = actorOf(event.locals.principal);
		const { code, row } = await createPairing(db, { teamId, name, createdBy: actor });
		await audit(db, {
			actor,
			action: 'device-pair-created',
			target: teamId,
			detail: { pairingId: row.id, name, expiresAt: row.expiresAt.toISOString() },
			address: clientAddress(event)
		});
		const shown = formatPairingCode(code);
		const link = pairingLink(publicOrigin(event, config.ORIGIN), shown);
		return {
			paired: {
				code: shown,
				link,
				qr: qrDrawing(link),
				team: team.callsign,
				name,
				expiresAt: row.expiresAt.getTime()
			}
		};
	},
	/** Cancels a pending pairing: its code then pairs nothing. */
	cancelPair: async (event) => {
		const { db } = services();
		const id = String((await event.request.formData()).get('id') ?? '');
		const row = id ? await cancelPairing(db, id) : null;
		if (!row) return fail(404, { problem: 'pair_not_found' });
		await audit(db, {
			actor: actorOf(event.locals.principal),
			action: 'device-pair-cancelled',
			target: row.teamId,
			detail: { pairingId: row.id, name: row.name },
			address: clientAddress(event)
		});
		return { pairCancelled: row.name };
	},
	/** Revokes a credential and closes the device's live connections to the embedded broker. */
	revoke: async (event) => {
		const { db, broker } = services();
		const id = String((await event.request.formData()).get('id') ?? '');
		const row = id ? await revokeDeviceCredential(db, id) : null;
		if (!row) return fail(404, { problem: 'device_not_found' });
		broker?.disconnectDevice(row.id);
		await audit(db, {
			actor: actorOf(event.locals.principal),
			action: 'device-revoke',
			target: row.username,
			detail: { id: row.id, teamId: row.teamId, name: row.name },
			address: clientAddress(event)
		});
		return { revoked: row.username };
	}
};
