/**
 * The one place where the drill engine's defaults are wired: the mudflow model and the terrain
 * loaders (simulators/model, simulators/terrain). Hosts (the CLI, the app's console) pass these;
 * tests pass a small fake model instead.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { MudflowModel } from '../model/types';
import type { TerrainSpec } from '../scenario/schema';
import type { Dem } from '../terrain/types';

export const defaultModel: MudflowModel = () => {
	throw new Error('the mudflow model (simulators/model/mudflow.ts) is not in this build yet');
};

/** Loads a scenario's terrain; a DEM path is relative to the scenario file's folder. */
export function terrainLoader(scenarioFile?: string): (spec: TerrainSpec) => Promise<Dem> {
	return async (spec) => {
		if (spec.kind === 'synthetic') {
			throw new Error('the synthetic Kulob terrain (simulators/terrain) is not in this build yet');
		}
		const base = scenarioFile ? dirname(scenarioFile) : process.cwd();
		const path = isAbsolute(spec.path) ? spec.path : resolve(base, spec.path);
		throw new Error(`DEM loading (simulators/terrain/load.ts) is not in this build yet: ${path}`);
	};
}
