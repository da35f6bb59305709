/**
 * The simulators as a package: what a host (the app's trainer console and terrain, the tests, the
 * benchmarks) may use, imported as `$sim` (the alias in svelte.config.js). Nothing outside
 * simulators/ reaches into its folders. The package reads the message contracts (src/lib/contracts)
 * and nothing else of the app: a host passes it what it needs, such as the EOC's elevation loader.
 */

// The drill engine and its defaults.
export { createDrill, defaultExerciseId, type Drill, type DrillOptions } from './engine/drill';
export { defaultModel, terrainLoader, type DemLoader } from './engine/defaults';
export { connectPublisher, type MqttPublisher } from './engine/mqtt';
export { STATE_EVERY_MS } from './engine/run';
export type { PublishText } from './engine/outbox';
export type {
	DeliveredInject,
	DrillControl,
	DrillEvent,
	DrillState,
	DrillStatus,
	ExpectedActionKind,
	InjectType,
	Publish
} from './engine/types';

// The mudflow model.
export { runMudflow } from './model/mudflow';
export type { ExtentFrame, MudflowModel, MudflowParams } from './model/types';

// Scenarios: the schema's types and the loader that validates a file.
export { loadScenarioFile, validateScenario, type ScenarioResult } from './scenario/validate';
export type { Inject, Scenario, TerrainSpec } from './scenario/schema';

// Terrain: the one elevation model type, the synthetic Kulob terrain and the small test grids.
export type { Dem } from './terrain/types';
export { KULOB_TEBALAY_RELEASE, syntheticKulob } from './terrain/synthetic';
export { cellLonLat, gridDem } from './model/testgrid';
