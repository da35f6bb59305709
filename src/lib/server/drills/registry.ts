/**
 * The drills running in this app process: one `DrillControl` per exercise, driven from the
 * trainer console (/drills). Each publishes over MQTT to the same broker as the devices, through
 * the app's own client, so a drill's messages take exactly the path real ones take (ingest,
 * validation, dedup, the change log, the stream).
 */
import type { DrillControl, DrillEvent, DrillState, Publish, PublishText } from '$sim';
import { ConsoleError } from '../console/incidents';
import type { Bbox } from '$lib/live/area';

/** A scenario as the console lists it. */
export interface ScenarioInfo {
	id: string;
	name: string;
	/** Where the drill plays, [west, south, east, north]: its wall fits it. */
	area: Bbox | null;
	injects: { number: number; at: number; message: string; expectedKind: string }[];
}

export interface StartOptions {
	scenarioId: string;
	exerciseId?: string;
	name?: string;
	speed: number;
	seed: string;
}

/** The engine as the app uses it (simulators/engine, wired in engine.ts). */
export interface DrillEngine {
	scenarios(): Promise<ScenarioInfo[]>;
	create(
		options: StartOptions & { publish: Publish; publishText: PublishText }
	): Promise<DrillControl>;
}

/** A drill that is not there, or already is: the console shows it beside the form. */
export class RegistryError extends ConsoleError {}

export class DrillRegistry {
	#drills = new Map<string, { control: DrillControl; errors: string[]; off: () => void }>();

	constructor(
		private readonly engine: DrillEngine,
		private readonly publish: Publish,
		private readonly publishText: PublishText
	) {}

	scenarios(): Promise<ScenarioInfo[]> {
		return this.engine.scenarios();
	}

	/** Every drill of this process, newest first, with its last error if any. */
	list(): (DrillState & { errors: string[] })[] {
		return [...this.#drills.values()]
			.map((d) => ({ ...d.control.state, errors: d.errors.slice(-3) }))
			.reverse();
	}

	get(exerciseId: string): DrillControl {
		const d = this.#drills.get(exerciseId);
		if (!d) throw new RegistryError(404, 'drill_not_found');
		return d.control;
	}

	/** Creates a drill and starts it; precomputation runs on, its progress in the state. */
	async start(options: StartOptions): Promise<string> {
		if (options.exerciseId && this.#drills.has(options.exerciseId))
			throw new RegistryError(409, 'drill_exists');
		const control = await this.engine.create({
			...options,
			publish: this.publish,
			publishText: this.publishText
		});
		const id = control.state.exerciseId;
		if (this.#drills.has(id)) throw new RegistryError(409, 'drill_exists');
		const errors: string[] = [];
		const off = control.on((e: DrillEvent) => {
			if (e.kind === 'error') errors.push(e.message);
		});
		this.#drills.set(id, { control, errors, off });
		// Not awaited: the page shows the precompute progress while it runs.
		control.start().catch((err: unknown) => errors.push(String(err)));
		return id;
	}

	/** Stops every drill's clock without publishing (the app is shutting down). */
	dispose(): void {
		for (const d of this.#drills.values()) {
			const c = d.control as DrillControl & { dispose?: () => void };
			c.dispose?.();
			d.off();
		}
		this.#drills.clear();
	}

	/** Resets a drill (its data is deleted by the app when the reset arrives) and forgets it. */
	async reset(exerciseId: string): Promise<void> {
		const d = this.#drills.get(exerciseId);
		if (!d) throw new RegistryError(404, 'drill_not_found');
		await d.control.reset();
		d.off();
		this.#drills.delete(exerciseId);
	}
}
