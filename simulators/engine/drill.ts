/**
 * The drill engine: `createDrill(options)` runs one exercise of a scenario. The running drill
 * (./run.ts) precomputes the hazard frames (with progress), then runs a scenario clock and, as the
 * clock passes their time, delivers the injects and lets the simulated actors publish through the
 * injected `Publish`, every payload valid under src/lib/contracts and carrying the exercise id.
 * Its controls (./controls.ts) start, pause, resume, set the speed ×1..×60, jump to an inject and
 * reset it. The same seed gives the same drill.
 */
import { realTime } from './clock';
import { checkSpeed, drillControls, type Drill } from './controls';
import { DrillRun, type DrillOptions } from './run';

export type { Drill, DrillOptions };

export function defaultExerciseId(scenarioId: string, nowMs: number): string {
	const stamp = new Date(nowMs).toISOString().slice(0, 16).replace(/[-:]/g, '');
	return `${scenarioId.slice(0, 48)}-${stamp}`;
}

export function createDrill(options: DrillOptions): Drill {
	const { scenario } = options;
	const time = options.time ?? realTime;
	const speed0 = options.speed ?? 1;
	checkSpeed(speed0);
	const exerciseId = options.exerciseId ?? defaultExerciseId(scenario.id, time.now());
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(exerciseId))
		throw new RangeError(`invalid exercise id "${exerciseId}"`);
	const name = options.name ?? scenario.name;
	return drillControls(new DrillRun(options, time, exerciseId, name, speed0));
}
