import { z } from 'zod';
import {
	DEVICE_KINDS,
	ID_PATTERN,
	meshtasticNodePattern,
	ownTracksIdentPattern
} from '$lib/contracts';
import { allows, ADMIN } from '$lib/server/auth/roles';
import { teamChoices } from '$lib/server/auth/devices';
import { consoleForm } from '$lib/server/console/form';
import { actorFor, DEVICE_ACTIONS, mayUse } from '$lib/server/console/grants';
import { listDevices, mapDevice, registerDevice, unmapDevice } from '$lib/server/devices/registry';
import { bindDevice } from '$lib/server/devices/bind';
import { resourceChoices } from '$lib/server/entities/resource/trackers';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

const deviceId = z
	.string()
	.min(1, 'registry_device_not_found')
	.max(200, 'registry_device_not_found');
const teamId = z.string().regex(ID_PATTERN, 'device_team_unknown');

const mapSchema = z.object({ deviceId, teamId });
const bindSchema = z.object({
	deviceId,
	resourceId: z.string().regex(ID_PATTERN, 'resstatus_resource_unknown')
});
const unmapSchema = z.object({ deviceId });
/** What an id of each kind looks like: as the adapters write them (contracts/adapters). */
const IDENT: Record<(typeof DEVICE_KINDS)[number], RegExp> = {
	owntracks: ownTracksIdentPattern,
	meshtastic: meshtasticNodePattern,
	tak: /^[\x21-\x7e]{1,140}$/
};
const registerSchema = z
	.object({
		kind: z.enum(DEVICE_KINDS, 'registry_ident_invalid'),
		ident: z.string().trim(),
		teamId
	})
	.refine((r) => IDENT[r.kind].test(r.ident), {
		message: 'registry_ident_invalid',
		path: ['ident']
	});

/** The queue and the mapped devices; `can` says which forms this person gets. */
export const load: PageServerLoad = async (event) => {
	const db = services().db;
	return {
		devices: await listDevices(db),
		teams: await teamChoices(db),
		resources: await resourceChoices(db),
		kinds: DEVICE_KINDS,
		can: mayUse(DEVICE_ACTIONS, event),
		admin: allows(ADMIN, event.locals.principal)
	};
};

export const actions: Actions = {
	/** An operator maps a device from the queue; an admin may also move a mapped one. */
	map: (event) =>
		consoleForm(event, DEVICE_ACTIONS, 'map', ['deviceId', 'teamId'], mapSchema, async (f) => {
			const mayRemap = allows(ADMIN, event.locals.principal);
			const { placed } = await mapDevice(services().db, actorFor(event), { ...f, mayRemap });
			return { saved: true, id: f.deviceId, placed, team: f.teamId };
		}),
	/** Or binds it to a resource of the register (a vehicle tracker): its fixes move the resource. */
	bind: (event) =>
		consoleForm(
			event,
			DEVICE_ACTIONS,
			'bind',
			['deviceId', 'resourceId'],
			bindSchema,
			async (f) => {
				const mayRemap = allows(ADMIN, event.locals.principal);
				const { placed } = await bindDevice(services().db, actorFor(event), { ...f, mayRemap });
				return { saved: true, id: f.deviceId, placed, resource: f.resourceId };
			}
		),
	register: (event) =>
		consoleForm(
			event,
			DEVICE_ACTIONS,
			'register',
			['kind', 'ident', 'teamId'],
			registerSchema,
			async (f) => {
				const { deviceId: id, placed } = await registerDevice(services().db, actorFor(event), f);
				return { saved: true, device: id, placed, team: f.teamId };
			}
		),
	unmap: (event) =>
		consoleForm(event, DEVICE_ACTIONS, 'unmap', ['deviceId'], unmapSchema, async (f) => {
			await unmapDevice(services().db, actorFor(event), f.deviceId);
			return { saved: true, id: f.deviceId };
		})
};
