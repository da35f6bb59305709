/**
 * The one place where the drill engine's defaults are wired: the mudflow model and the terrain
 * loaders (simulators/model, simulators/terrain). Hosts (the CLI, the app's console) pass these;
 * tests pass a small fake model instead.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { runMudflow } from '../model/mudflow';
import type { MudflowModel } from '../model/types';
import type { TerrainSpec } from '../scenario/schema';
import { loadDem } from '../terrain/load';
import { syntheticKulob } from '../terrain/synthetic';
import type { Dem } from '../terrain/types';

export const defaultModel: MudflowModel = runMudflow;

/** Loads a scenario's terrain; a DEM path is relative to the scenario file's folder. */
export function terrainLoader(scenarioFile?: string): (spec: TerrainSpec) => Promise<Dem> {
	return async (spec) => {
		if (spec.kind === 'synthetic') return syntheticKulob();
		const base = scenarioFile ? dirname(scenarioFile) : process.cwd();
		return loadDem(isAbsolute(spec.path) ? spec.path : resolve(base, spec.path));
	};
}
