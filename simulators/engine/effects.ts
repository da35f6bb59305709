/**
 * What an inject's effects publish when it is delivered: a field report, an update to an
 * incident reported earlier, a team's new orders, gauge readings, the CAP warning, a hazard's
 * release. Each effect answers with the reference of the message that carries it (null when it
 * published nothing at once), which the inject's record lists for the after-action report.
 */
import { topics, type InjectEffectRefPayload } from '../../src/lib/contracts';
import { reportIncidentId } from '../../src/lib/contracts/incident-id';
import type { Effect, Inject } from '../scenario/schema';
import type { SensorActor, TeamActor } from './actors';
import { CAP_SENDER, CAP_TOPIC, capAlertXml } from './cap';
import type { Action } from './queue';

export type Ref = InjectEffectRefPayload;

/** What effects act on: the drill's actors and its ways of publishing. */
export interface EffectContext {
	exerciseId: string;
	teams: Map<string, TeamActor>;
	sensors: Map<string, SensorActor>;
	/** Incident ids of the reports delivered so far, by the report's `ref`. */
	incidents: Map<string, string>;
	send(topic: string, body: Record<string, unknown>, sec: number): Promise<Ref>;
	sendText(topic: string, text: string, sec: number): Promise<boolean>;
	schedule(action: Action): void;
	/** Releases a hazard now; null when it was released already. */
	release(hazardId: string, sec: number): Ref | null;
	wallAt(sec: number): number;
}

export class EffectError extends Error {}

function incidentOf(ctx: EffectContext, inject: Inject, ref: string): string {
	const id = ctx.incidents.get(ref);
	if (!id) throw new EffectError(`inject ${inject.number}: report "${ref}" was not delivered yet`);
	return id;
}

export async function runEffect(
	ctx: EffectContext,
	inject: Inject,
	effect: Effect,
	sec: number
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
			const home = { lat: team.spec.home.lat, lon: team.spec.home.lon };
			const route = effect.route ?? (effect.status === 'returning' ? [home] : undefined);
			const arrive = effect.arrive ?? (effect.status === 'returning' ? 'available' : 'on_scene');
			return (await team.order(sec, {
				status: effect.status,
				note: effect.note,
				incidentId: effect.incident ? incidentOf(ctx, inject, effect.incident) : undefined,
				route,
				arrive,
				departAfterSec: effect.departAfterSec
			})) as Ref;
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
