/** What the drill CLI prints: the scenario clock, a progress bar and each delivered inject. */
import type { Inject, Scenario } from '../scenario/schema';
import type { DrillState } from './types';

const DUSHANBE_OFFSET_MS = 5 * 3600_000;

/** `H:MM:SS` of scenario seconds. */
export function hms(sec: number): string {
	const s = Math.floor(sec);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** The scenario's time of day: Dushanbe (UTC+5) with UTC beside. */
export function timeOfDay(start: string, sec: number): string {
	const t = Date.parse(start) + sec * 1000;
	const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
	return `${hm(t + DUSHANBE_OFFSET_MS)} Dushanbe (${hm(t)} UTC)`;
}

export function progressBar(fraction: number, width = 30): string {
	const f = Math.max(0, Math.min(1, fraction));
	const full = Math.round(f * width);
	return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}

export function formatClock(state: DrillState, scenario: Scenario): string {
	return (
		`${state.status.padEnd(8)} ${hms(state.scenarioSec)} / ${hms(scenario.duration)}  ` +
		`${timeOfDay(scenario.start, state.scenarioSec)}  ×${state.speed}  ` +
		`injects ${state.delivered.length}/${scenario.injects.length}`
	);
}

export function describeInject(inject: Inject, start: string): string {
	const expected = inject.expectedAction ? `  → expected: ${inject.expectedAction.text}` : '';
	return (
		`#${inject.number} ${hms(inject.at)} ${timeOfDay(start, inject.at)} [${inject.type}] ` +
		`${inject.from} → ${inject.to}: ${inject.message}${expected}`
	);
}
