/** The gauges and shelters boards: levels against thresholds, their order, the sparklines' range. */
import { compareText } from '$lib/format';

export type GaugeLevel = 'normal' | 'warning' | 'danger';

/** A reading against its thresholds; at a threshold counts as over it. No reading is normal. */
export function gaugeLevel(
	value: number | null,
	warning: number | null,
	danger: number | null
): GaugeLevel {
	if (value === null || !Number.isFinite(value)) return 'normal';
	if (danger !== null && value >= danger) return 'danger';
	if (warning !== null && value >= warning) return 'warning';
	return 'normal';
}

export type ShelterLevel = 'ok' | 'filling' | 'full';

/** Occupied share of a shelter; filling from 75 %, full from 95 % (time to open the next one). */
export function shelterLevel(occupancy: number, capacity: number): ShelterLevel {
	if (capacity <= 0) return occupancy > 0 ? 'full' : 'ok';
	const share = occupancy / capacity;
	return share >= 0.95 ? 'full' : share >= 0.75 ? 'filling' : 'ok';
}

/** A sparkline's value range: the readings and both thresholds in view, with a little room. */
export function sparkRange(
	values: readonly number[],
	warning: number | null,
	danger: number | null
): [number, number] {
	const all = [...values, warning, danger].filter(
		(v): v is number => v !== null && Number.isFinite(v)
	);
	if (!all.length) return [0, 1];
	const lo = Math.min(...all);
	const hi = Math.max(...all);
	const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
	return [lo - pad, hi + pad];
}

const LEVEL_RANK: Record<GaugeLevel, number> = { danger: 0, warning: 1, normal: 2 };

/** Gauges over a threshold first (they are why anyone looks), then by name. */
export function sortGauges<
	T extends {
		name: string;
		lastValue: number | null;
		warning: number | null;
		danger: number | null;
	}
>(sensors: Iterable<T>): T[] {
	const level = (s: T) => LEVEL_RANK[gaugeLevel(s.lastValue, s.warning, s.danger)];
	return [...sensors].sort((a, b) => level(a) - level(b) || compareText(a.name, b.name));
}
