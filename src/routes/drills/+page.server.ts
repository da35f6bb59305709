import { clientAddress } from '$lib/server/auth/throttle';
import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { actorOf, audit } from '$lib/server/auth/audit';
import { TRAIN } from '$lib/server/auth/roles';
import { consoleForm } from '$lib/server/console/form';
import { ConsoleError } from '$lib/server/console/incidents';
import { log } from '$lib/server/ops/log';
import { DRILL_ACTIONS, requireGrant } from '$lib/server/drills/access';
import {
	exerciseSchema,
	injectSchema,
	speedSchema,
	START_FIELDS,
	startSchema
} from '$lib/server/drills/forms';
import { externalExercises } from '$lib/server/drills/exercises';
import { drills } from '$lib/server/drills/instance';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

/**
 * The trainer's console: the scenarios, every drill of this app process with its state, and every
 * other exercise the EOC knows to be running (the command line's, another instance's).
 */
export const load: PageServerLoad = async (event) => {
	requireGrant(event, TRAIN);
	const registry = drills();
	const list = registry.list();
	const own = new Set(list.map((d) => d.exerciseId));
	return {
		scenarios: await registry.scenarios(),
		drills: list,
		exercises: await externalExercises(services().db, own)
	};
};

const ACTIONS = DRILL_ACTIONS;
type Action = keyof typeof ACTIONS;

/** One trainer action: checked, validated, done, and written to the audit log. */
function drillAction<S extends z.ZodType>(
	event: RequestEvent,
	action: Action,
	names: readonly string[],
	schema: S,
	act: (data: z.output<S>) => Promise<{ exercise: string; detail?: Record<string, unknown> }>
) {
	return consoleForm(event, ACTIONS, action, names, schema, async (data) => {
		let done: Awaited<ReturnType<typeof act>>;
		try {
			done = await act(data);
		} catch (e) {
			if (e instanceof ConsoleError) throw e;
			// The engine refused (an inject that is not there, a drill that ended): said, and logged.
			log.warn({ err: String(e), action }, 'drill action refused');
			throw new ConsoleError(409, 'drill_refused');
		}
		const { exercise, detail } = done;
		await audit(services().db, {
			actor: actorOf(event.locals.principal),
			action: `drill-${action}`,
			target: exercise,
			detail,
			address: clientAddress(event)
		});
		return { exercise };
	});
}

export const actions: Actions = {
	start: (event) =>
		drillAction(event, 'start', START_FIELDS, startSchema, async (f) => {
			const exercise = await drills().start({
				scenarioId: f.scenario,
				exerciseId: f.exercise,
				name: f.name,
				speed: f.speed,
				seed: f.seed
			});
			return { exercise, detail: { scenario: f.scenario, speed: f.speed, seed: f.seed } };
		}),
	pause: (event) =>
		drillAction(event, 'pause', ['exercise'], exerciseSchema, async (f) => {
			drills().get(f.exercise).pause();
			return { exercise: f.exercise };
		}),
	resume: (event) =>
		drillAction(event, 'resume', ['exercise'], exerciseSchema, async (f) => {
			drills().get(f.exercise).resume();
			return { exercise: f.exercise };
		}),
	speed: (event) =>
		drillAction(event, 'speed', ['exercise', 'speed'], speedSchema, async (f) => {
			drills().get(f.exercise).setSpeed(f.speed);
			return { exercise: f.exercise, detail: { speed: f.speed } };
		}),
	jump: (event) =>
		drillAction(event, 'jump', ['exercise', 'inject'], injectSchema, async (f) => {
			await drills().get(f.exercise).jumpTo(f.inject);
			return { exercise: f.exercise, detail: { inject: f.inject } };
		}),
	deliver: (event) =>
		drillAction(event, 'deliver', ['exercise', 'inject'], injectSchema, async (f) => {
			await drills().get(f.exercise).deliver(f.inject);
			return { exercise: f.exercise, detail: { inject: f.inject } };
		}),
	reset: (event) =>
		drillAction(event, 'reset', ['exercise'], exerciseSchema, async (f) => {
			await drills().reset(f.exercise);
			return { exercise: f.exercise };
		})
};
