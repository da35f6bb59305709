/**
 * The controls of a running drill (./run.ts): start, pause, resume, speed ×1..×60, jump to an
 * inject, a manual inject, reset and end. Each control that publishes runs in turn with the clock's
 * ticks (the run's `exclusive`), so nothing a trainer does interleaves with a delivery.
 */
import { MAX_SPEED, MIN_SPEED } from '../../src/lib/contracts';
import type { DrillRun } from './run';
import type { DrillControl } from './types';

export interface Drill extends DrillControl {
	/** Advance the clock to now and run what is due (the timer calls it; tests call it). */
	tick(): Promise<void>;
	/** Resolves when the drill has ended (the scenario's end reached). */
	ended(): Promise<void>;
	/** Ends the drill now (a trainer stops early): the state `ended` is published. */
	end(): Promise<void>;
	/** Stops the timer without publishing anything (the host is shutting down). */
	dispose(): void;
}

export function checkSpeed(speed: number): void {
	if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
		throw new RangeError(`speed must be from ${MIN_SPEED} to ${MAX_SPEED}, got ${speed}`);
}

export function drillControls(run: DrillRun): Drill {
	const { state, clock } = run;

	/** The clock resumes at once; the state message follows in turn. */
	function resumeNow(): Promise<void> {
		if (state.status !== 'paused') return Promise.resolve();
		clock.start();
		state.status = 'running';
		run.startTimer(false);
		run.emitState();
		return run.exclusive(async () => void (await run.publishState(true)));
	}

	return {
		get state() {
			return run.snapshot();
		},
		start: () =>
			state.status === 'paused'
				? resumeNow()
				: run.exclusive(async () => {
						if (state.status !== 'idle') return;
						await run.precompute();
						run.plan();
						state.status = 'running';
						clock.start();
						await run.publishState(true);
						run.emitState();
						run.startTimer(true);
					}),
		pause() {
			if (state.status !== 'running') return;
			clock.pause();
			state.scenarioSec = clock.sec();
			state.status = 'paused';
			void run.exclusive(() => run.publishState());
			run.emitState();
		},
		resume() {
			void resumeNow().catch(run.fail);
		},
		setSpeed(speed: number) {
			checkSpeed(speed);
			clock.setSpeed(speed);
			state.speed = speed;
			if (state.status === 'running' || state.status === 'paused')
				void run.exclusive(() => run.publishState());
			run.emitState();
		},
		jumpTo: (n: number) =>
			run.exclusive(async () => {
				const inject = run.pending(n);
				const target = Math.max(inject.at, state.scenarioSec);
				clock.jump(target);
				await run.advance(target);
				await run.deliver(inject, target);
				await run.publishState();
				run.emitState();
			}),
		deliver: (n: number) =>
			run.exclusive(async () => {
				await run.deliver(run.pending(n), state.scenarioSec);
				run.emitState();
			}),
		reset: () =>
			run.exclusive(async () => {
				run.stopTimerNow();
				clock.reset();
				run.queue.clear();
				state.status = 'idle';
				state.scenarioSec = 0;
				await run.publishState();
				run.outbox.restart();
				run.cast();
				state.delivered = [];
				state.upcoming = run.injects.map((i) => i.number);
				run.rearmEnded();
				run.emitState();
			}),
		on(listener) {
			run.listeners.add(listener);
			return () => run.listeners.delete(listener);
		},
		tick: () => run.tick(),
		ended: () => run.endedPromise,
		end: () =>
			run.exclusive(async () => {
				if (state.status === 'running' || state.status === 'paused') await run.finish();
			}),
		dispose() {
			run.stopTimerNow();
		}
	};
}
