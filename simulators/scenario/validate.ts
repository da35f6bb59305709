/**
 * Validates a scenario file and says what is wrong in words a trainer can act on, each error
 * naming the inject (by its number) and the field: `inject 7: effects[0].lat: expected a number
 * <= 90`. Cross-references are checked after the shape: ids unique, effects naming teams,
 * sensors, hazards and reports that exist, times inside the scenario.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { EFFECT_KINDS, scenarioShape, type Scenario } from './schema';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

type Path = readonly PropertyKey[];

/** `effects[0].lat` from ['effects', 0, 'lat']. */
export function formatPath(path: Path): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out ? `.${String(key)}` : String(key);
	}
	return out;
}

const bound = (origin: string) => (origin === 'number' || origin === 'int' ? 'a number' : origin);
const unitOf = (origin: string) =>
	origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '';

/** The value at `path` in the raw input (zod issues do not carry it by default). */
function valueAt(input: unknown, path: Path): unknown {
	let v = input;
	for (const key of path) {
		if (typeof v !== 'object' || v === null) return undefined;
		v = (v as Record<PropertyKey, unknown>)[key];
	}
	return v;
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
	const value = valueAt(input, issue.path);
	switch (issue.code) {
		case 'too_big':
			return `expected ${bound(issue.origin)} ${issue.inclusive ? '<=' : '<'} ${issue.maximum}${unitOf(issue.origin)}`;
		case 'too_small':
			return `expected ${bound(issue.origin)} ${issue.inclusive ? '>=' : '>'} ${issue.minimum}${unitOf(issue.origin)}`;
		case 'invalid_type': {
			const what = issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
			return value === undefined ? `required (${what})` : `expected ${what}`;
		}
		case 'invalid_value':
			return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
		case 'invalid_union':
			return issue.discriminator !== undefined
				? `unknown ${String(issue.discriminator)} ${JSON.stringify(value)}; expected one of ${
						issue.discriminator === 'kind' ? EFFECT_KINDS.join(', ') : 'synthetic, dem'
					}`
				: 'does not match any allowed form';
		default:
			return issue.message;
	}
}

/** Where an error is: `inject 7: effects[0].lat`, `teams[2].home.lat`, or `scenario`. */
function locate(path: Path, input: unknown): string {
	if (path[0] === 'injects' && typeof path[1] === 'number') {
		const raw = (input as { injects?: unknown[] })?.injects?.[path[1]];
		const n = (raw as { number?: unknown } | undefined)?.number;
		const name = Number.isInteger(n) ? `inject ${n}` : `injects[${path[1]}]`;
		const rest = formatPath(path.slice(2));
		return rest ? `${name}: ${rest}` : name;
	}
	return formatPath(path) || 'scenario';
}

export function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
	return `${locate(issue.path, input)}: ${describe(issue, input)}`;
}

/** Cross-references and orders that the shape alone cannot check. */
export function crossCheck(s: Scenario): string[] {
	const errors: string[] = [];
	const groups: [string, (string | number)[]][] = [
		['teams', s.teams.map((t) => t.id)],
		['sensors', s.sensors.map((x) => x.id)],
		['hazards', s.hazards.map((h) => h.id)],
		['resources', s.resources.map((r) => r.id)],
		['stores', s.stores.map((x) => x.id)],
		['injects', s.injects.map((i) => i.number)]
	];
	for (const [label, ids] of groups) {
		const seen = new Set<string | number>();
		for (const id of ids) {
			if (seen.has(id)) errors.push(`${label}: ${id} appears twice`);
			seen.add(id);
		}
	}
	const teams = new Set(s.teams.map((t) => t.id));
	const sensors = new Set(s.sensors.map((x) => x.id));
	const hazards = new Set(s.hazards.map((h) => h.id));
	const resources = new Set(s.resources.map((r) => r.id));
	for (const r of s.resources)
		if (r.team !== undefined && !teams.has(r.team))
			errors.push(`resources: ${r.id}: team: no team "${r.team}" in the scenario`);
	for (const x of s.stores) {
		const kinds = x.stock.map((k) => k.kind);
		for (const [i, k] of kinds.entries())
			if (kinds.indexOf(k) !== i) errors.push(`stores: ${x.id}: stock: ${k} appears twice`);
	}
	for (const h of s.hazards) {
		if (h.releaseAt > s.duration)
			errors.push(`hazards: ${h.id}: releaseAt is after the end of the scenario`);
	}
	// Reports are named in delivery order: a later inject may refer to an earlier report.
	const ordered = [...s.injects].sort((a, b) => a.at - b.at || a.number - b.number);
	const refs = new Set<string>();
	for (const inject of ordered) {
		const where = `inject ${inject.number}`;
		if (inject.at > s.duration) errors.push(`${where}: at: after the end of the scenario`);
		const eff = inject.expectedAction?.effect;
		if (eff !== undefined && eff >= inject.effects.length)
			errors.push(
				`${where}: expectedAction.effect: no effect ${eff} (it has ${inject.effects.length})`
			);
		inject.effects.forEach((e, i) => {
			const at = `${where}: effects[${i}]`;
			const known = (set: Set<string>, id: string, field: string, what: string) => {
				if (!set.has(id)) errors.push(`${at}.${field}: no ${what} "${id}" in the scenario`);
			};
			switch (e.kind) {
				case 'report':
					if (e.reporter !== 'public') known(teams, e.reporter, 'reporter', 'team');
					if (e.ref) {
						if (refs.has(e.ref)) errors.push(`${at}.ref: "${e.ref}" is used twice`);
						refs.add(e.ref);
					}
					break;
				case 'incident_update':
					known(refs, e.incident, 'incident', 'earlier report named');
					break;
				case 'team':
					known(teams, e.team, 'team', 'team');
					if (e.incident) known(refs, e.incident, 'incident', 'earlier report named');
					break;
				case 'readings':
					known(sensors, e.sensor, 'sensor', 'sensor');
					break;
				case 'release':
					known(hazards, e.hazard, 'hazard', 'hazard');
					break;
				case 'resource':
					known(resources, e.resource, 'resource', 'resource');
					break;
				case 'request':
					if (e.incident) known(refs, e.incident, 'incident', 'earlier report named');
					break;
				case 'cap': {
					const ring = e.area.polygon;
					const [first, last] = [ring[0], ring[ring.length - 1]];
					if (first[0] !== last[0] || first[1] !== last[1])
						errors.push(`${at}.area.polygon: the first and last points differ (not closed)`);
					break;
				}
			}
		});
	}
	return errors;
}

/** Validates parsed JSON as a scenario. */
export function validateScenario(input: unknown): ScenarioResult {
	const result = scenarioShape.safeParse(input);
	if (!result.success) {
		return { ok: false, errors: result.error.issues.map((i) => formatIssue(i, input)) };
	}
	const errors = crossCheck(result.data);
	return errors.length ? { ok: false, errors } : { ok: true, scenario: result.data };
}

/** Reads and validates a scenario file; a file that is not JSON is one error too. */
export async function loadScenarioFile(path: string): Promise<ScenarioResult> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (err) {
		return { ok: false, errors: [`${path}: ${(err as NodeJS.ErrnoException).code ?? err}`] };
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		return { ok: false, errors: [`${path}: not JSON: ${(err as Error).message}`] };
	}
	return validateScenario(json);
}
