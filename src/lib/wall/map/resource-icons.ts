/**
 * The resource and store symbols of the map's icon atlas (icons.ts draws them in). A resource is
 * a badge of its own shape, a long hexagon in its status colour with a light outline: never a
 * team's circle, triangle or square. At its left end the status's mark (the board's shapes,
 * ResourcesBoard.svelte: available circle, assigned diamond, en route triangle pointing right, on
 * scene triangle, returning triangle down, out of service square); the map writes the kind's short
 * label on its right (layers/resources.ts). A store holding supplies is a small cube; one holding
 * a kind below its minimum is amber with an exclamation mark.
 */
import { RESOURCE_STATUSES, type ResourceStatus } from '$lib/contracts/resources';
import { LEVEL_HEX, RESOURCE_STATUS_HEX } from './palette';

const INK = '#0A101C';
const LIGHT = '#EEF3FA';

/** The badge's outline on the atlas's 64-unit grid: 58 wide, 32 high, centred. */
const BADGE = 'M3 32L12 16H52L61 32L52 48H12Z';
/** Where the kind's label sits: the middle of the badge right of the mark, in grid units from the centre. */
export const BADGE_TEXT_X = 8;
/** The badge's half-width in grid units (labels keep clear of it). */
export const BADGE_HALF_WIDTH = 29;

const MARK: Record<ResourceStatus, string> = {
	available: '<circle cx="16" cy="32" r="6"/>',
	assigned: '<path d="M16 25L23 32L16 39L9 32Z"/>',
	en_route: '<path d="M10 25.5L23 32L10 38.5Z"/>',
	on_scene: '<path d="M16 25.5L22.5 38H9.5Z"/>',
	returning: '<path d="M9.5 26H22.5L16 38.5Z"/>',
	out_of_service: '<rect x="10.5" y="26.5" width="11" height="11"/>'
};

function badge(status: ResourceStatus): string {
	const fill = RESOURCE_STATUS_HEX[status];
	return `<path d="${BADGE}" fill="${fill}" stroke="${LIGHT}" stroke-width="3" stroke-linejoin="round"/><g fill="${INK}">${MARK[status]}</g>`;
}

const CUBE = 'M32 6L57 19V45L32 58L7 45V19Z';

function store(low: boolean): string {
	if (low) {
		return `<path d="${CUBE}" fill="${LEVEL_HEX.warning}" stroke="${LIGHT}" stroke-width="4" stroke-linejoin="round"/><path d="M28.5 18H35.5L34.5 38H29.5Z M28.5 42H35.5V49H28.5Z" fill="${INK}"/>`;
	}
	return `<path d="${CUBE}" fill="${LEVEL_HEX.normal}" stroke="${LIGHT}" stroke-width="4" stroke-linejoin="round"/><path d="M7 19L32 32L57 19M32 32V58" fill="none" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>`;
}

/** `resource-{status}`, `store-ok` and `store-low`, as SVG on the 64-unit grid, none a mask. */
export function resourceIconSources(): Record<string, { svg: string; mask: boolean }> {
	const out: Record<string, { svg: string; mask: boolean }> = {};
	for (const status of RESOURCE_STATUSES) {
		out[`resource-${status}`] = { svg: badge(status), mask: false };
	}
	out['store-ok'] = { svg: store(false), mask: false };
	out['store-low'] = { svg: store(true), mask: false };
	return out;
}
