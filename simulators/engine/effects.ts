/**
 * What an inject's effects publish when it is delivered: a field report, an update to an
 * incident reported earlier, a team's or a resource's new orders, gauge readings, the CAP
 * warning, a hazard's release, a resource request. Each effect answers with the reference of the
 * message that carries it (null when it published nothing at once), which the inject's record
 * lists for the after-action report. A request travels in the inject's record itself
 * (`requests`): the EOC creates it in the drill's picture when the record arrives.
 */
import {
	topics,
	type ExerciseRequestInput,
	type InjectEffectRefPayload
} from '../../src/lib/contracts';
import { reportIncidentId } from '../../src/lib/contracts/incident-id';
import type { Effect, Inject } from '../scenario/schema';
import type { ResourceActor, SensorActor, TeamActor } from './actors';
import { CAP_SENDER, CAP_TOPIC, capAlertXml } from './cap';
import type { Action } from './queue';
import { hashSeed } from './random';

export type Ref = InjectEffectRefPayload;

/** What effects act on: the drill's actors and its ways of publishing. */
export interface EffectContext {
	exerciseId: string;
	teams: Map<string, TeamActor>;
	sensors: Map<string, SensorActor>;
	resources: Map<string, ResourceActor>;
	/** The requests of the inject being delivered, for its record (`requests`). */
	requests: ExerciseRequestInput[];
	/** Incident ids of the reports delivered so far, by the report's `ref`. */
	incidents: Map<string, string>;
	send(topic: string, body: Record<string, unknown>, sec: number): Promise<Ref>;
	sendText(topic: string, text: string, sec: number): Promise<boolean>;
	schedule(action: Action): void;
	/** Releases a hazard now; null when it was released already. */
	release(hazardId: string, sec: number): Ref | null;
	wallAt(sec: number): number;
	/** The wall time `seconds` of scenario time after `sec`, at the present speed. */
	wallAhead(sec: number, seconds: number): number;
}

export class EffectError extends Error {}

/** Where a route without one leads: home (returning) or nowhere, and the arrival status. */
function routeOf(
	effect: { status: string; route?: { lat: number; lon: number }[]; arrive?: string },
	home: { lat: number; lon: number }
) {
	const returning = effect.status === 'returning';
	return {
		route: effect.route ?? (returning ? [{ lat: home.lat, lon: home.lon }] : undefined),
		arrive: effect.arrive ?? (returning ? 'available' : 'on_scene')
	};
}

/**
 * The id of the request an inject's effect makes: the exercise's (hashed when long), the inject
 * and the effect, so it is the same in every run of the exercise and unique among exercises.
 */
export function requestId(exerciseId: string, inject: number, effect: number): string {
	const base =
		exerciseId.length <= 44
			? exerciseId
			: `${exerciseId.slice(0, 35)}-${(hashSeed(exerciseId) >>> 0).toString(16).padStart(8, '0')}`;
	return `${base}-r${inject}-${effect}`;
}

function incidentOf(ctx: EffectContext, inject: Inject, ref: string): string {
	const id = ctx.incidents.get(ref);
	if (!id) throw new EffectError(`inject ${inject.number}: report "${ref}" was not delivered yet`);
	return id;
}

export async function runEffect(
	ctx: EffectContext,
	inject: Inject,
	effect: Effect,
	sec: number,
	index = 0
): Promise<Ref | null> {
	switch (effect.kind) {
		case 'report': {
			const { kind: _kind, ref: name, ...body } = effect;
			const ref = await ctx.send(topics.incidentReport(), body, sec);
			if (name) ctx.incidents.set(name, reportIncidentId(ref.sender, ref.msgId));
			return ref;
		}
		case 'incident_update': {
			const { kind: _kind, incident, ...body } = effect;
			return ctx.send(topics.incidentUpdate(incidentOf(ctx, inject, incident)), body, sec);
		}
		case 'team': {
			const team = ctx.teams.get(effect.team) as TeamActor;
			return (await team.order(sec, {
				status: effect.status,
				note: effect.note,
				incidentId: effect.incident ? incidentOf(ctx, inject, effect.incident) : undefined,
				...routeOf(effect, team.spec.home),
				departAfterSec: effect.departAfterSec
			})) as Ref;
		}
		case 'resource': {
			const resource = ctx.resources.get(effect.resource) as ResourceActor;
			return (await resource.order(sec, {
				status: effect.status,
				note: effect.note,
				...routeOf(effect, resource.spec.home),
				departAfterSec: effect.departAfterSec
			})) as Ref;
		}
		case 'request': {
			const id = requestId(ctx.exerciseId, inject.number, index);
			const minutes = effect.neededInMinutes;
			ctx.requests.push({
				id,
				kind: effect.resourceKind,
				quantity: effect.quantity,
				requesterKind: effect.requesterKind,
				requester: effect.requester,
				priority: effect.priority,
				...(minutes ? { neededBy: new Date(ctx.wallAhead(sec, minutes * 60)).toISOString() } : {}),
				...(effect.incident ? { incidentId: incidentOf(ctx, inject, effect.incident) } : {}),
				...(effect.place ? { place: effect.place } : {}),
				...(effect.lat !== undefined ? { lat: effect.lat, lon: effect.lon } : {}),
				...(effect.note ? { note: effect.note } : {})
			});
			return { family: 'resource_request', id, sender: `exercise:${ctx.exerciseId}`, msgId: id };
		}
		case 'readings': {
			const sensor = ctx.sensors.get(effect.sensor) as SensorActor;
			const topic = topics.sensorReading(effect.sensor);
			let first: Ref | null = null;
			for (const [offset, value] of effect.points) {
				if (offset === 0) first ??= await ctx.send(topic, sensor.body(value), sec);
				else
					ctx.schedule({
						sec: sec + offset,
						run: () => ctx.send(topic, sensor.body(value), sec + offset).then(() => {})
					});
			}
			return first;
		}
		case 'cap': {
			const identifier = `${ctx.exerciseId}-cap-${inject.number}`;
			const xml = capAlertXml({
				effect,
				identifier,
				exerciseId: ctx.exerciseId,
				sentMs: ctx.wallAt(sec)
			});
			const sent = await ctx.sendText(CAP_TOPIC, xml, sec);
			return sent ? { family: 'cap_alert', id: null, sender: CAP_SENDER, msgId: identifier } : null;
		}
		case 'release':
			return ctx.release(effect.hazard, sec);
	}
}
