import type { MudflowParams } from '../model/types';
import type { Dem } from './types';

/**
 * A generated terrain for the Kulob demo area, because no real DEM can ship with the project
 * (docs/kulob.md): the Yakhsu valley floor near 580 m through the town, hills rising to the north and
 * east, and side valleys cut into them that drain into the town, one of them the Tebalay, which
 * runs through the town as it did in May 2010. It is a picture of the kind of place, not of the
 * place: every view of it says "synthetic terrain". Deterministic: the same options give the same
 * grid, bit for bit (no randomness, only fixed functions of position).
 */

/** Kulob city centre (docs/kulob.md), the origin of the local metric frame used below. */
const TOWN = { lon: 69.78, lat: 37.91 };
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((TOWN.lat * Math.PI) / 180);
/** The window is centred north-east of the town, where the hills and side valleys are. */
const WINDOW_CENTRE_M = { x: 2500, y: 2500 };

/**
 * A valley: a polyline of [x m east, y m north] from its head downstream. Its bed is cut into the
 * ground below: deeper in the hills, a few metres in the town, always falling downstream.
 */
interface ValleyLine {
	name: string;
	nodes: [number, number][];
	/** Half-width of the rounded floor (m) and the slope of its sides (rise over run). */
	floorM: number;
	bank: number;
}
interface Valley extends ValleyLine {
	/** Bed elevation at each node (m). */
	bed: number[];
}

const VALLEY_LINES: ValleyLine[] = [
	{
		// Out of the hills north-east of the town, across its fan and through the streets to the Yakhsu.
		name: 'Tebalay',
		nodes: [
			[6200, 6600],
			[4200, 4600],
			[2600, 3000],
			[1400, 1500],
			[300, 300],
			[-300, -250],
			[-1500, -1500]
		],
		floorM: 30,
		bank: 0.45
	},
	{
		name: 'northern side valley',
		nodes: [
			[-300, 10500],
			[-700, 6500],
			[-1000, 2800],
			[-1400, 600]
		],
		floorM: 35,
		bank: 0.4
	},
	{
		name: 'eastern side valley',
		nodes: [
			[11500, 1800],
			[7200, 1000],
			[3400, 200],
			[600, -700],
			[-1400, -1200]
		],
		floorM: 35,
		bank: 0.4
	},
	{
		// The Yakhsu, the river Kulob stands on: a broad valley from the north, west of the centre.
		name: 'Yakhsu',
		nodes: [
			[-2600, 13000],
			[-1400, 3000],
			[-1500, -1500],
			[-2300, -9000]
		],
		floorM: 500,
		bank: 0.2
	}
];

/** Valley floor: near 580 m in the town, rising gently north and away from the river. */
function floor(x: number, y: number): number {
	return 580 + 0.0025 * y + 0.004 * Math.abs(x + 1500);
}

/** Hills north of y = 2 km and east of x = 1.5 km, rising to ~1,600 m, with ridges. */
function hills(x: number, y: number): number {
	const a = x - 1500;
	const b = y - 2000;
	// A smooth maximum of the two distances into the hills (0 on the plain).
	const d = Math.max(0, 0.5 * (a + b + Math.sqrt((a - b) * (a - b) + 250_000)));
	const rise = 950 * (1 - Math.exp(-d / 4500));
	const relief = Math.min(1, d / 1500);
	const ridges =
		70 * Math.sin(x / 900 + 0.8 * Math.sin(y / 1300)) * Math.cos(y / 1100) +
		35 * Math.sin((x + 2 * y) / 650) +
		15 * Math.cos((3 * x - y) / 420);
	return rise + relief * ridges;
}

/** The Tebalay's fan where it leaves the hills: the north-east of the town stands on it (~2 %). */
function fan(x: number, y: number): number {
	return 45 * Math.max(0, 1 - Math.hypot(x - 1500, y - 1600) / 2300);
}

/** The ground without valleys. */
function ground(x: number, y: number): number {
	return floor(x, y) + hills(x, y) + fan(x, y);
}

/** Beds: 3 m below the plain, up to ~60 m below the hills, never rising downstream. */
const VALLEYS: Valley[] = VALLEY_LINES.map((v) => {
	const bed: number[] = [];
	for (const [x, y] of v.nodes) {
		const g = ground(x, y);
		const z = g - 3 - 0.06 * Math.max(0, g - 600);
		bed.push(bed.length ? Math.min(z, bed[bed.length - 1] - 1) : z);
	}
	return { ...v, bed };
});

/** Height of a valley's surface at a point: its bed at the nearest point plus the V of its sides. */
function valleySurface(v: Valley, x: number, y: number): number {
	let best = Infinity;
	let bed = 0;
	for (let k = 0; k + 1 < v.nodes.length; k++) {
		const [x0, y0] = v.nodes[k];
		const [x1, y1] = v.nodes[k + 1];
		const z0 = v.bed[k];
		const z1 = v.bed[k + 1];
		const dx = x1 - x0;
		const dy = y1 - y0;
		const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
		const ex = x - (x0 + t * dx);
		const ey = y - (y0 + t * dy);
		const dist2 = ex * ex + ey * ey;
		if (dist2 < best) {
			best = dist2;
			bed = z0 + t * (z1 - z0);
		}
	}
	// Rounded floor of half-width floorM, then straight sides.
	return bed + v.bank * (Math.sqrt(best + v.floorM * v.floorM) - v.floorM);
}

/** Elevation in metres at x m east, y m north of the town centre. */
export function kulobElevation(x: number, y: number): number {
	let z = ground(x, y);
	for (const v of VALLEYS) z = Math.min(z, valleySurface(v, x, y));
	return z;
}

/** Longitude and latitude of a point x m east, y m north of the town centre (local equirectangular). */
export function kulobLonLat(x: number, y: number): [number, number] {
	return [TOWN.lon + x / M_PER_DEG_LON, TOWN.lat + y / M_PER_DEG_LAT];
}

/**
 * Where a drill can release a mudflow: the Tebalay's steep reach in the hills north-east of the
 * town (on the valley's bed, so the flow follows it down into the streets).
 */
export const KULOB_TEBALAY_RELEASE: Pick<MudflowParams, 'releaseLon' | 'releaseLat'> = (() => {
	const [releaseLon, releaseLat] = kulobLonLat(2600, 3000);
	return { releaseLon, releaseLat };
})();

/**
 * The synthetic Kulob terrain: by default 640 × 640 cells of 30 m (19.2 km square, inside Kulob
 * District's bounds, 69.69–69.92 E, 37.85–38.02 N), centred north-east of the town. Larger grids
 * (the 1000 × 1000 bench) sample the same landscape over a wider window.
 */
export function syntheticKulob(opts?: {
	width?: number;
	height?: number;
	cellSizeM?: number;
}): Dem {
	const width = opts?.width ?? 640;
	const height = opts?.height ?? 640;
	const cellSizeM = opts?.cellSizeM ?? 30;
	if (!(Number.isInteger(width) && width > 1 && Number.isInteger(height) && height > 1))
		throw new Error(`syntheticKulob: width and height must be integers > 1 (${width}×${height})`);
	if (!(cellSizeM > 0)) throw new Error(`syntheticKulob: cellSizeM must be > 0 (${cellSizeM})`);
	// North-west corner of the window, in the local frame.
	const x0 = WINDOW_CENTRE_M.x - (width * cellSizeM) / 2;
	const y0 = WINDOW_CENTRE_M.y + (height * cellSizeM) / 2;
	const z = new Float32Array(width * height);
	for (let j = 0; j < height; j++) {
		const y = y0 - (j + 0.5) * cellSizeM;
		for (let i = 0; i < width; i++)
			z[j * width + i] = kulobElevation(x0 + (i + 0.5) * cellSizeM, y);
	}
	const [west, north] = kulobLonLat(x0, y0);
	return {
		width,
		height,
		cellSizeM,
		west,
		north,
		dLon: cellSizeM / M_PER_DEG_LON,
		dLat: cellSizeM / M_PER_DEG_LAT,
		z,
		source: 'synthetic terrain',
		synthetic: true
	};
}
