import { consoleForm } from '$lib/server/console/form';
import { actorFor, mayUse, SETTINGS_ACTIONS } from '$lib/server/console/grants';
import { setOccupancy, setThresholds, updateSettings } from '$lib/server/console/settings';
import {
	ACTIVATION_FIELDS,
	activationSchema,
	EOC_FIELDS,
	eocSchema,
	OCCUPANCY_FIELDS,
	occupancySchema,
	THRESHOLD_FIELDS,
	thresholdsSchema
} from '$lib/server/console/settings-form';
import { readSensors } from '$lib/server/entities/sensor/read';
import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/app/runtime';
import { readSettings } from '$lib/server/settings/store';
import type { Actions, PageServerLoad } from './$types';

/** The settings in force, the shelters and the gauges; `can` says which forms this person gets. */
export const load: PageServerLoad = async (event) => {
	const db = services().db;
	return {
		settings: await readSettings(db),
		shelters: await reads.shelters(db),
		sensors: await readSensors(db),
		can: mayUse(SETTINGS_ACTIONS, event)
	};
};

/** Each concern is its own action, with its own rule in rules.ts and its own check here. */
export const actions: Actions = {
	eoc: (event) =>
		consoleForm(event, SETTINGS_ACTIONS, 'eoc', EOC_FIELDS, eocSchema, async (patch) => {
			await updateSettings(services().db, actorFor(event), 'settings-eoc', patch);
			return { saved: true };
		}),
	activation: (event) =>
		consoleForm(
			event,
			SETTINGS_ACTIONS,
			'activation',
			ACTIVATION_FIELDS,
			activationSchema,
			async (patch) => {
				await updateSettings(services().db, actorFor(event), 'settings-activation', patch);
				return { saved: true };
			}
		),
	/** Occupancy may exceed capacity: an overfull shelter is real, and the page shows it. */
	shelter: (event) =>
		consoleForm(
			event,
			SETTINGS_ACTIONS,
			'shelter',
			OCCUPANCY_FIELDS,
			occupancySchema,
			async ({ id, occupancy }) => {
				await setOccupancy(services().db, actorFor(event), id, occupancy);
				return { saved: true };
			}
		),
	sensor: (event) =>
		consoleForm(
			event,
			SETTINGS_ACTIONS,
			'sensor',
			THRESHOLD_FIELDS,
			thresholdsSchema,
			async ({ id, ...thresholds }) => {
				await setThresholds(services().db, actorFor(event), id, thresholds);
				return { saved: true };
			}
		)
};
