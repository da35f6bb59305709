/**
 * The one place where the drill engine's defaults are wired: the mudflow model and the terrain
 * loaders (simulators/model, simulators/terrain). Hosts (the CLI, the app's console) pass these;
 * tests pass a small fake model instead. An EOC's own DEM file is read by the host's loader (the
 * app's src/lib/server/terrain/load.ts): the package does not depend on the app.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { runMudflow } from '../model/mudflow';
import type { MudflowModel } from '../model/types';
import type { TerrainSpec } from '../scenario/schema';
import { syntheticKulob } from '../terrain/synthetic';
import type { Dem } from '../terrain/types';

export const defaultModel: MudflowModel = runMudflow;

/** Reads a DEM file (a GeoTIFF or an SRTM tile) at an absolute path. */
export type DemLoader = (path: string) => Promise<Dem>;

/** Loads a scenario's terrain; a DEM path is relative to the scenario file's folder. */
export function terrainLoader(
	scenarioFile: string | undefined,
	loadDem: DemLoader
): (spec: TerrainSpec) => Promise<Dem> {
	return async (spec) => {
		if (spec.kind === 'synthetic') return syntheticKulob();
		const base = scenarioFile ? dirname(scenarioFile) : process.cwd();
		return loadDem(isAbsolute(spec.path) ? spec.path : resolve(base, spec.path));
	};
}
