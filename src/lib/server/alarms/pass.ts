import type { Queryable } from '../db/types';
import type { ActiveAlarm } from '../entities/alarm/read';
import type { Firing } from '../entities/alarm/write';
import type { EmergencySignal, EngineRule } from './types';
import {
	gaugeLevel,
	gaugeRate,
	hazardReaches,
	incidentUnassigned,
	reportWaiting,
	stockBelow,
	teamSilent,
	type Decision
} from './evaluate';
import {
	loadHazards,
	loadIncidents,
	loadReadings,
	loadSensors,
	loadStock,
	loadTargets,
	loadTeams
} from './subjects';

export type SubjectKind = Firing['subjectKind'];

/** What one pass evaluates: everything, every subject of some kinds, or some subjects. */
export interface Pass {
	all: boolean;
	kinds: Set<SubjectKind>;
	ids: Record<SubjectKind, Set<string>>;
	/** Keyed by picture and team. */
	emergencies: Map<string, EmergencySignal>;
}

/** The subject kind each rule kind tests (team_emergency is driven by status messages only). */
export const SUBJECT_KIND: Record<EngineRule['kind'], SubjectKind> = {
	gauge_level: 'sensor',
	gauge_rate: 'sensor',
	team_silent: 'team',
	team_emergency: 'team',
	incident_unassigned: 'incident',
	hazard_reaches: 'hazard',
	report_waiting: 'incident',
	stock_below: 'stock'
};

interface Subject {
	id: string;
	exercise: string | null;
}

const keyOf = (ruleId: string, kind: string, id: string, exercise: string | null) =>
	`${ruleId}\u0000${kind}\u0000${id}\u0000${exercise ?? ''}`;

/**
 * Evaluates a pass: loads the subjects it covers, asks each enabled rule about each, and returns
 * the alarms to raise (new, or with a changed detail) and to clear. A covered subject that is
 * gone (deleted, closed, its drill no longer running) clears its alarms; on a full pass, so do
 * the alarms of a rule deleted or disabled.
 */
export async function evaluatePass(
	q: Queryable,
	a: {
		pass: Pass;
		rules: readonly EngineRule[];
		allRuleIds: ReadonlySet<string>;
		active: readonly ActiveAlarm[];
		at: Date;
	}
): Promise<{ raise: Firing[]; clear: string[] }> {
	const { pass, rules, active } = a;
	const at = a.at.getTime();
	const byKey = new Map(
		active.map((x) => [keyOf(x.ruleId, x.subjectKind, x.subjectId, x.exercise), x])
	);
	const raise: Firing[] = [];
	const clear = new Set<string>();

	const apply = (rule: EngineRule, s: Subject, d: Decision) => {
		const kind = SUBJECT_KIND[rule.kind];
		const held = byKey.get(keyOf(rule.id, kind, s.id, s.exercise));
		if (d.fire) {
			if (!held || JSON.stringify(held.detail) !== JSON.stringify(d.detail))
				raise.push({
					ruleId: rule.id,
					subjectKind: kind,
					subjectId: s.id,
					level: rule.level,
					detail: d.detail,
					exercise: s.exercise
				});
		} else if (d.clear && held) clear.add(held.id);
	};

	/** Alarms of these rules on covered subjects that the load did not return: cleared. */
	const clearGone = (
		kindRules: readonly EngineRule[],
		kind: SubjectKind,
		only: string[] | null,
		seen: readonly Subject[]
	) => {
		const ids = new Set(kindRules.filter((r) => r.kind !== 'team_emergency').map((r) => r.id));
		const present = new Set(seen.map((s) => `${s.id}\u0000${s.exercise ?? ''}`));
		const covered = only && new Set(only);
		for (const x of active)
			if (
				ids.has(x.ruleId) &&
				x.subjectKind === kind &&
				(!covered || covered.has(x.subjectId)) &&
				!present.has(`${x.subjectId}\u0000${x.exercise ?? ''}`)
			)
				clear.add(x.id);
	};

	const scopeOf = (kind: SubjectKind): string[] | null | undefined => {
		if (pass.all || pass.kinds.has(kind)) return null;
		return pass.ids[kind].size > 0 ? [...pass.ids[kind]] : undefined;
	};
	const rulesOf = (kind: SubjectKind) => rules.filter((r) => SUBJECT_KIND[r.kind] === kind);

	// Gauges: level (with hysteresis) and rate of rise.
	const sensorRules = rulesOf('sensor');
	const sensorScope = scopeOf('sensor');
	if (sensorRules.length > 0 && sensorScope !== undefined) {
		const sensors = await loadSensors(q, sensorScope);
		for (const rule of sensorRules) {
			if (rule.kind === 'gauge_level') {
				for (const s of sensors) {
					if (rule.params.sensor !== null && rule.params.sensor !== s.id) continue;
					const raised = byKey.has(keyOf(rule.id, 'sensor', s.id, s.exercise));
					apply(rule, s, gaugeLevel(rule.params, s, raised));
				}
			} else if (rule.kind === 'gauge_rate') {
				const mine = sensors.filter(
					(s) => rule.params.sensor === null || rule.params.sensor === s.id
				);
				const readings = await loadReadings(
					q,
					mine.map((s) => s.id),
					rule.params.windowMinutes
				);
				for (const s of mine) apply(rule, s, gaugeRate(rule.params, s, readings.get(s.id) ?? []));
			}
		}
		clearGone(sensorRules, 'sensor', sensorScope, sensors);
	}

	// Teams: silent (time), emergency (status messages).
	const teamRules = rulesOf('team');
	const teamScope = scopeOf('team');
	if (teamRules.length > 0 && teamScope !== undefined) {
		const teams = await loadTeams(q, teamScope);
		for (const rule of teamRules)
			if (rule.kind === 'team_silent')
				for (const t of teams) apply(rule, t, teamSilent(rule.params, t, at));
		clearGone(teamRules, 'team', teamScope, teams);
	}
	for (const s of pass.emergencies.values())
		for (const rule of teamRules)
			if (rule.kind === 'team_emergency')
				apply(
					rule,
					{ id: s.teamId, exercise: s.exercise },
					s.emergency
						? {
								fire: true,
								detail: {
									...(byKey.get(keyOf(rule.id, 'team', s.teamId, s.exercise))?.detail ?? {
										since: a.at.toISOString()
									}),
									...s.detail
								}
							}
						: { fire: false, clear: true }
				);

	// Incidents: unassigned, reports waiting.
	const incidentRules = rulesOf('incident');
	const incidentScope = scopeOf('incident');
	if (incidentRules.length > 0 && incidentScope !== undefined) {
		const incidents = await loadIncidents(q, incidentScope);
		for (const rule of incidentRules)
			for (const i of incidents) {
				if (rule.kind === 'incident_unassigned')
					apply(rule, i, incidentUnassigned(rule.params, i, at));
				else if (rule.kind === 'report_waiting') apply(rule, i, reportWaiting(rule.params, i, at));
			}
		clearGone(incidentRules, 'incident', incidentScope, incidents);
	}

	// Hazards reaching shelters, schools, places.
	const hazardRules = rulesOf('hazard');
	const hazardScope = scopeOf('hazard');
	if (hazardRules.length > 0 && hazardScope !== undefined) {
		const hazards = await loadHazards(q, hazardScope);
		const targets = hazards.length > 0 ? await loadTargets(q) : [];
		for (const rule of hazardRules)
			if (rule.kind === 'hazard_reaches')
				for (const h of hazards) apply(rule, h, hazardReaches(rule.params, h, targets));
		clearGone(hazardRules, 'hazard', hazardScope, hazards);
	}

	// Supplies below their minimum.
	const stockRules = rulesOf('stock');
	const stockScope = scopeOf('stock');
	if (stockRules.length > 0 && stockScope !== undefined) {
		const stock = await loadStock(q, stockScope);
		for (const rule of stockRules)
			if (rule.kind === 'stock_below')
				for (const s of stock) apply(rule, s, stockBelow(rule.params, s));
		clearGone(stockRules, 'stock', stockScope, stock);
	}

	// A deleted or disabled rule's alarms.
	if (pass.all) for (const x of active) if (!a.allRuleIds.has(x.ruleId)) clear.add(x.id);

	return { raise, clear: [...clear] };
}
