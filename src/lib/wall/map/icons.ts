/**
 * The map's icon atlas, drawn here as one SVG (no icon font, no request: a data: URL that deck.gl's
 * IconLayer decodes). Incident glyphs are masks (deck.gl tints them); team, gauge, shelter,
 * resource and store symbols (the last two: resource-icons.ts) carry their own colours, because
 * each pairs a fill with an outline and a shape (docs/design.md: colour is never the only cue).
 * Cells are CELL px square and drawn at 2× for crisp edges on a 4K wall.
 */
import type { IncidentType, TeamStatus } from '$lib/live/types';
import { LEVEL_HEX, SHELTER_HEX, STALE_HEX, STATUS_HEX } from './palette';
import { resourceIconSources } from './resource-icons';

export const CELL = 128;
const S = CELL / 64; // glyphs are drawn on a 64-unit grid

export interface IconDef {
	x: number;
	y: number;
	width: number;
	height: number;
	anchorX: number;
	anchorY: number;
	mask: boolean;
}

/** What the dark parts of coloured symbols are drawn in: the map's own background. */
const INK = '#0A101C';
const LIGHT = '#EEF3FA';

/** White glyphs for incidents, one per type; drawn dark on the severity disc. */
const GLYPHS: Record<IncidentType, string> = {
	// a wave of mud with rocks riding on it
	mudflow:
		'<path d="M4 40q7-9 14 0t14 0 14 0 14 0V58H4Z"/><circle cx="20" cy="25" r="7"/><circle cx="40" cy="20" r="5.5"/>',
	flood:
		'<g fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round"><path d="M6 20q6.5-7 13 0t13 0 13 0 13 0"/><path d="M6 34q6.5-7 13 0t13 0 13 0 13 0"/><path d="M6 48q6.5-7 13 0t13 0 13 0 13 0"/></g>',
	// a slope with rocks tumbling off it
	landslide:
		'<path d="M24 58H60V10Z"/><circle cx="16" cy="40" r="6"/><circle cx="26" cy="24" r="5"/><circle cx="8" cy="54" r="4"/>',
	earthquake:
		'<path d="M3 32H13L19 12L28 52L36 8L44 48L50 32H61" fill="none" stroke="#fff" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>',
	avalanche:
		'<path d="M2 58L24 14L36 34L44 24L62 58Z"/><circle cx="12" cy="36" r="4"/><circle cx="7" cy="24" r="3"/>',
	fire: '<path d="M32 4C41 18 52 26 50 42C48 54 40 60 32 60C22 60 14 54 14 42C14 32 21 27 24 16C28 24 30 28 32 30C34 22 35 13 32 4Z"/>',
	// a building broken in two
	building_collapse:
		'<path d="M8 58V22L28 14V58Z"/><path d="M34 58V30L56 38V58Z"/><path d="M30 10L34 22L30 28" fill="none" stroke="#fff" stroke-width="3"/>',
	// a striped road barrier on legs
	road_blocked:
		'<g fill="none" stroke="#fff" stroke-width="5"><path d="M5 18H59V38H5Z"/><path d="M20 18L11 38M36 18L27 38M52 18L43 38"/><path d="M15 38V58M49 38V58" stroke-width="6"/></g>',
	other: '<path d="M27 6H37L35 42H29Z"/><circle cx="32" cy="53" r="6"/>'
};

export type TeamShape = 'circle' | 'triangle' | 'square';

/** docs/design.md: available a circle, en route and on scene triangles along the heading, others squares. */
export const STATUS_SHAPE: Record<TeamStatus, TeamShape> = {
	available: 'circle',
	en_route: 'triangle',
	on_scene: 'triangle',
	returning: 'square',
	out_of_service: 'square'
};

function shape(kind: TeamShape, fill: string, stroke: string, dashed: boolean): string {
	const dash = dashed ? ' stroke-dasharray="7 5"' : '';
	const attrs = `fill="${fill}" stroke="${stroke}" stroke-width="5"${dash}`;
	switch (kind) {
		case 'circle':
			return `<circle cx="32" cy="32" r="22" ${attrs}/>`;
		case 'triangle':
			// pointing up (north) at heading 0; IconLayer turns it
			return `<path d="M32 5L57 55H7Z" stroke-linejoin="round" ${attrs}/>`;
		case 'square':
			return `<rect x="11" y="11" width="42" height="42" rx="4" ${attrs}/>`;
	}
}

export type SensorLevelIcon = keyof typeof LEVEL_HEX;

/** A gauge: ring when normal, triangle at warning, diamond at danger, dashed square when unknown. */
function sensorIcon(level: SensorLevelIcon): string {
	const c = LEVEL_HEX[level];
	switch (level) {
		case 'normal':
			return `<circle cx="32" cy="32" r="17" fill="${INK}" stroke="${c}" stroke-width="8"/>`;
		case 'warning':
			return `<path d="M32 6L58 54H6Z" fill="${c}" stroke="${INK}" stroke-width="4" stroke-linejoin="round"/><path d="M29 22H35L34 40H30Z M29 44H35V50H29Z" fill="${INK}"/>`;
		case 'danger':
			return `<path d="M32 3L61 32L32 61L3 32Z" fill="${c}" stroke="${LIGHT}" stroke-width="4"/><path d="M29 16H35L34 38H30Z M29 43H35V49H29Z" fill="${INK}"/>`;
		case 'unknown':
			return `<rect x="12" y="12" width="40" height="40" fill="${INK}" stroke="${c}" stroke-width="5" stroke-dasharray="7 5"/>`;
	}
}

export type ShelterIcon = keyof typeof SHELTER_HEX;

/** A shelter: a house in the occupancy colour with a light outline. */
function shelterIcon(fill: ShelterIcon): string {
	return `<path d="M32 6L60 30H52V58H12V30H4Z" fill="${SHELTER_HEX[fill]}" stroke="${LIGHT}" stroke-width="4" stroke-linejoin="round"/><rect x="26" y="38" width="12" height="20" fill="${INK}"/>`;
}

/** Every icon in the atlas by name, as SVG on the 64-unit grid, and whether it is a mask. */
export function iconSources(): Record<string, { svg: string; mask: boolean }> {
	const out: Record<string, { svg: string; mask: boolean }> = {};
	for (const [type, svg] of Object.entries(GLYPHS)) {
		out[`incident-${type}`] = { svg: `<g fill="#fff">${svg}</g>`, mask: true };
	}
	for (const [status, kind] of Object.entries(STATUS_SHAPE)) {
		out[`team-${status}`] = {
			svg: shape(kind, STATUS_HEX[status as TeamStatus], LIGHT, false),
			mask: false
		};
	}
	for (const kind of ['circle', 'triangle', 'square'] as const) {
		out[`team-stale-${kind}`] = { svg: shape(kind, '#3A4558', STALE_HEX, true), mask: false };
	}
	for (const level of Object.keys(LEVEL_HEX) as SensorLevelIcon[]) {
		out[`sensor-${level}`] = { svg: sensorIcon(level), mask: false };
	}
	for (const fill of Object.keys(SHELTER_HEX) as ShelterIcon[]) {
		out[`shelter-${fill}`] = { svg: shelterIcon(fill), mask: false };
	}
	return { ...out, ...resourceIconSources() };
}

const COLUMNS = 8;

/** The atlas as an SVG document and the IconLayer mapping into it. */
export function buildAtlas(): {
	svg: string;
	mapping: Record<string, IconDef>;
	width: number;
	height: number;
} {
	const sources = Object.entries(iconSources());
	const width = COLUMNS * CELL;
	const height = Math.ceil(sources.length / COLUMNS) * CELL;
	const mapping: Record<string, IconDef> = {};
	const cells = sources.map(([name, { svg, mask }], i) => {
		const x = (i % COLUMNS) * CELL;
		const y = Math.floor(i / COLUMNS) * CELL;
		mapping[name] = { x, y, width: CELL, height: CELL, anchorX: CELL / 2, anchorY: CELL / 2, mask };
		return `<g transform="translate(${x} ${y}) scale(${S})">${svg}</g>`;
	});
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${cells.join('')}</svg>`;
	return { svg, mapping, width, height };
}

const atlas = buildAtlas();

/** The atlas as a data: URL (no request leaves the browser) and its mapping, built once. */
export const ICON_ATLAS = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(atlas.svg)}`;
export const ICON_MAPPING = atlas.mapping;
