/**
 * The drill engine (simulators/engine) wired for the app: scenarios from
 * simulators/scenarios/<id>/scenario.json (validated by the engine's own schema), the mudflow
 * model, and the scenario's terrain (the synthetic Kulob terrain, or an EOC's DEM file).
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDrill, loadScenarioFile, runMudflow, terrainLoader, type Scenario } from '$sim';
import { log } from '../ops/log';
import { RegistryError, type DrillEngine, type ScenarioInfo } from './registry';

/** Where the scenarios are: `simulators/scenarios` of the app's working directory. */
export const SCENARIO_DIR = resolve(process.cwd(), 'simulators', 'scenarios');

async function loadAll(dir: string): Promise<Map<string, { scenario: Scenario; file: string }>> {
	const out = new Map<string, { scenario: Scenario; file: string }>();
	const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
	for (const e of entries) {
		if (!e.isDirectory()) continue;
		const file = join(dir, e.name, 'scenario.json');
		const r = await loadScenarioFile(file);
		if (r.ok) out.set(r.scenario.id, { scenario: r.scenario, file });
		// A bad file is named with its errors in the log, and left out of the list.
		else log.warn({ file, errors: r.errors }, 'scenario not valid; not offered');
	}
	return out;
}

/** A scenario's terrain: the synthetic Kulob terrain, or a DEM file beside the scenario. */
function terrain(file: string) {
	return terrainLoader(file, async (path) => {
		// Loaded only when a scenario names a DEM file: geotiff starts a worker thread when its
		// module is evaluated, which SvelteKit's build would do while it analyses the server.
		const { loadDem } = await import('../terrain/load');
		return loadDem(path);
	});
}

export function appEngine(dir = SCENARIO_DIR): DrillEngine {
	return {
		async scenarios(): Promise<ScenarioInfo[]> {
			return [...(await loadAll(dir)).values()].map(({ scenario }) => ({
				id: scenario.id,
				name: scenario.name,
				area: scenario.area?.bbox ?? null,
				injects: scenario.injects
					.map((i) => ({
						number: i.number,
						at: i.at,
						message: i.message,
						expectedKind: i.expectedAction?.kind ?? 'none'
					}))
					.sort((a, b) => a.at - b.at || a.number - b.number)
			}));
		},
		async create(o) {
			const found = (await loadAll(dir)).get(o.scenarioId);
			if (!found) throw new RegistryError(404, 'scenario_not_found');
			return createDrill({
				scenario: found.scenario,
				publish: o.publish,
				publishText: o.publishText,
				exerciseId: o.exerciseId,
				name: o.name,
				seed: o.seed,
				speed: o.speed,
				model: runMudflow,
				loadTerrain: terrain(found.file)
			});
		}
	};
}
