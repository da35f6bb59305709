// The mudflow model's speed (`npm run bench -- --model only`) on 1000 × 1000 grids, in scenario
// seconds per wall-clock second. Target (issue #5): one hour of flow in under 10 s.
// Three cases: a Tebalay mudflow on the synthetic Kulob terrain (a channelled flow), the Kulob
// drill's own (released over 40 minutes: LAHARZ again for every frame of the release), and a stress
// case where the flow fans out over a large part of the grid. Method: docs/benchmarks.md.
import {
	cellLonLat,
	gridDem,
	KULOB_TEBALAY_RELEASE,
	runMudflow,
	syntheticKulob,
	type Dem,
	type MudflowParams
} from '$sim';

interface Case {
	name: string;
	dem: () => Dem;
	params: (dem: Dem) => MudflowParams;
	rounds: number;
}

const SIZE = 1000;
const HOUR = { durationSec: 3600, frameSec: 10 };

const CASES: Case[] = [
	{
		name: 'Tebalay mudflow, synthetic Kulob terrain (30 m cells)',
		dem: () => syntheticKulob({ width: SIZE, height: SIZE }),
		params: () => ({ ...KULOB_TEBALAY_RELEASE, volumeM3: 1e6, phiDeg: 4, vMaxMps: 15, ...HOUR }),
		rounds: 3
	},
	{
		name: "the Kulob drill's mudflow in town, released over 40 min (30 m cells)",
		dem: () => syntheticKulob({ width: SIZE, height: SIZE }),
		params: () => ({
			releaseLon: 69.7891,
			releaseLat: 37.9176,
			volumeM3: 3e5,
			phiDeg: 11,
			vMaxMps: 8,
			releaseSec: 2400,
			...HOUR
		}),
		rounds: 3
	},
	{
		name: 'stress: a fan over a 10 % plane with ripples (10 m cells)',
		dem: () => gridDem(SIZE, SIZE, (c, r) => SIZE - r + 3 * Math.sin(c / 7) * Math.cos(r / 11)),
		params: (dem) => ({
			...cellLonLat(dem, SIZE / 2, 2),
			volumeM3: 1e8,
			phiDeg: 2,
			vMaxMps: 15,
			...HOUR
		}),
		rounds: 1
	}
];

interface CaseResult {
	name: string;
	params: MudflowParams;
	/** Wall-clock seconds of each measured run (after one unmeasured warm-up). */
	runsSec: number[];
	frames: number;
	areaM2: number;
	volumeM3: number;
}

async function runCase(c: Case): Promise<CaseResult> {
	const dem = c.dem();
	const params = c.params(dem);
	const runsSec: number[] = [];
	let frames = await runMudflow(dem, params); // warm-up
	for (let k = 0; k < c.rounds; k++) {
		const t = performance.now();
		frames = await runMudflow(dem, params);
		runsSec.push((performance.now() - t) / 1000);
	}
	const final = frames.at(-1)!;
	return {
		name: c.name,
		params,
		runsSec,
		frames: frames.length,
		areaM2: final.areaM2,
		volumeM3: final.volumeM3
	};
}

export async function modelRun(): Promise<CaseResult[]> {
	const out: CaseResult[] = [];
	for (const c of CASES) out.push(await runCase(c));
	return out;
}

export function modelReport(results: CaseResult[]): string {
	const lines = [
		`Mudflow model (Flow-R + LAHARZ), ${SIZE} × ${SIZE} cells, one hour of flow in frames of ${HOUR.frameSec} s`
	];
	for (const r of results) {
		const median = [...r.runsSec].sort((a, b) => a - b)[Math.floor(r.runsSec.length / 2)];
		const p = r.params;
		lines.push(
			`  ${r.name}: V = ${p.volumeM3.toLocaleString('en')} m³, φ = ${p.phiDeg}°, v_max = ${p.vMaxMps} m/s`,
			`    inundated ${(r.areaM2 / 1e4).toFixed(1)} ha, volume ${Math.round(r.volumeM3).toLocaleString('en')} m³, ${r.frames} frames`,
			`    wall-clock ${r.runsSec.map((s) => s.toFixed(2)).join(', ')} s → ` +
				`${Math.round(p.durationSec / median).toLocaleString('en')} scenario s per wall-clock s ` +
				`(one hour in ${median.toFixed(2)} s; target under 10 s: ${median < 10 ? 'met' : 'NOT met'})`
		);
	}
	return lines.join('\n');
}
