/**
 * The drill engine's public face, shared by the CLI (`npm run drill`) and the app's trainer
 * console (/drills), which both drive the same engine and publish over the same MQTT path.
 */

/** Publishes one payload (already valid under src/lib/contracts) with QoS 1; resolves on PUBACK. */
export type Publish = (topic: string, payload: Record<string, unknown>) => Promise<void>;

export type InjectType = 'contextual' | 'expected_action' | 'contingency';

/** What an operator is expected to do in answer to an inject, as the after-action report checks it. */
export type ExpectedActionKind =
	| 'accept_report' // the field report the inject published is accepted into an incident
	| 'acknowledge' // the incident is acknowledged
	| 'assign' // a team is assigned to the incident
	| 'verify_event' // a significant event about it is verified in the log
	| 'none';

export type DrillStatus = 'idle' | 'precomputing' | 'running' | 'paused' | 'ended';

export interface DeliveredInject {
	number: number;
	scenarioSec: number;
	/** Wall-clock time it was delivered (UTC). */
	deliveredAt: Date;
}

export interface DrillState {
	exerciseId: string;
	scenarioId: string;
	status: DrillStatus;
	/** Scenario seconds since the scenario's start, and the speed (1 to 60). */
	scenarioSec: number;
	speed: number;
	/** Precomputation progress 0..1 while status is 'precomputing'. */
	progress: number;
	delivered: DeliveredInject[];
	/** Numbers of the injects still to come, in order. */
	upcoming: number[];
}

export type DrillEvent =
	| { kind: 'state'; state: DrillState }
	| { kind: 'delivered'; inject: DeliveredInject }
	| { kind: 'error'; message: string };

/** The controls of one running drill. */
export interface DrillControl {
	readonly state: DrillState;
	start(): Promise<void>;
	pause(): void;
	resume(): void;
	setSpeed(speed: number): void;
	/** Jump the scenario clock to an inject and deliver it (the ones before it are delivered too). */
	jumpTo(injectNumber: number): Promise<void>;
	/** Deliver one inject now, out of its order (a trainer's manual inject). */
	deliver(injectNumber: number): Promise<void>;
	/** Stop the clock and publish the exercise's reset (the app deletes the exercise's data). */
	reset(): Promise<void>;
	on(listener: (e: DrillEvent) => void): () => void;
}
