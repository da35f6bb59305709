/**
 * Colours of the wall (docs/design.md): the Okabe–Ito colour-blind-safe set, always paired with a
 * number, a shape or a word. Hex for CSS, `rgba()` for deck.gl accessors.
 */
import type { ResourceStatus } from '$lib/contracts/resources';
import type { TeamStatus } from '$lib/live/types';

export type Rgba = [number, number, number, number];

export const SEVERITY_HEX: Record<1 | 2 | 3 | 4 | 5, string> = {
	5: '#CC79A7',
	4: '#D55E00',
	3: '#E69F00',
	2: '#F0E442',
	1: '#56B4E9'
};

export const STATUS_HEX: Record<TeamStatus, string> = {
	available: '#009E73',
	en_route: '#56B4E9',
	on_scene: '#E69F00',
	returning: '#B5A8E8',
	out_of_service: '#8C96A8'
};

/**
 * Resources share the teams' status colours; "assigned" (committed to a request, not yet moving)
 * is Okabe–Ito yellow. On the map a resource is a badge, never a team's shape (icons.ts).
 */
export const RESOURCE_STATUS_HEX: Record<ResourceStatus, string> = {
	...STATUS_HEX,
	assigned: '#F0E442'
};

export const STATUS_WORD: Record<TeamStatus, string> = {
	available: 'available',
	en_route: 'en route',
	on_scene: 'on scene',
	returning: 'returning',
	out_of_service: 'out of service'
};

/** Stale teams and unknown states. */
export const STALE_HEX = '#7A8699';

/** Thresholds on gauges and shelter occupancy. */
export const LEVEL_HEX = {
	normal: '#A9BCD6',
	warning: '#E69F00',
	danger: '#D55E00',
	unknown: STALE_HEX
} as const;

export const SHELTER_HEX = { ok: '#009E73', filling: '#E69F00', full: '#D55E00' } as const;

export function rgba(hex: string, alpha = 255): Rgba {
	const n = Number.parseInt(hex.replace('#', ''), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** Severity clamped to 1–5 and rounded, so a bad value still draws. */
export function severityLevel(severity: number): 1 | 2 | 3 | 4 | 5 {
	const s = Math.round(Number.isFinite(severity) ? severity : 1);
	return Math.min(5, Math.max(1, s)) as 1 | 2 | 3 | 4 | 5;
}

/**
 * Alarms (fired rules): danger red, warning amber; always with the word (DANGER, WARNING) or the
 * ring's weight beside the colour. Red is not Okabe–Ito's: an alarm must not read as a severity.
 */
export const ALARM_HEX = { danger: '#E5484D', warning: '#E69F00' } as const;
