// Which wall update each sample of a page's CPU profile fell in (bench/wall.ts writes the
// windows beside the profile): to see what the slowest updates spend their time on, apart from
// the fast ones and from what runs between updates (frames, the label task, the clock).

export interface ProfileNode {
	id: number;
	parent?: number;
	children?: number[];
	callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Written by bench/wall.ts: the page's clock mark [start, end] and each update's start and time (ms). */
export interface UpdateWindows {
	mark: [number, number];
	starts: number[];
	times: number[];
}

export type SampleKind = 'slow' | 'fast' | 'outside';

/** The function the page busy-loops in (bench/wall-page.js) to mark its clock on the profile. */
const MARK_FN = 'benchClockMark';

/** Each sample's time (µs, the profile's clock). */
export function sampleTimes(p: CpuProfile): number[] {
	let t = p.startTime;
	return p.timeDeltas.map((d) => (t += d));
}

/**
 * The page clock (ms) → profile clock (µs) offset, from the samples inside the mark: the first
 * falls at most one sampling interval after the mark starts, the last at most one before it ends.
 */
export function clockOffset(p: CpuProfile, w: UpdateWindows): number {
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const parents = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
	const inMark = (id: number): boolean => {
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
			if (byId.get(at)?.callFrame.functionName === MARK_FN) return true;
		}
		return false;
	};
	const times = sampleTimes(p);
	const hits = p.samples.flatMap((id, i) => (inMark(id) ? [times[i]] : []));
	if (hits.length < 2) throw new Error(`no ${MARK_FN} samples in the profile: cannot align clocks`);
	const [m0, m1] = w.mark;
	return (hits[0] - m0 * 1000 + (hits[hits.length - 1] - m1 * 1000)) / 2;
}

/** The time at or above which an update counts as slow: the nearest-rank p95. */
export function slowFrom(times: readonly number[], p = 95): number {
	const sorted = [...times].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Infinity;
}

/** Per sample: in one of the slowest 5 % of updates, in another update, or between updates. */
export function classifySamples(p: CpuProfile, w: UpdateWindows): SampleKind[] {
	const offset = clockOffset(p, w);
	const limit = slowFrom(w.times);
	// Updates run one after another, so their starts are in order: binary search per sample.
	const starts = w.starts.map((s) => s * 1000 + offset);
	return sampleTimes(p).map((t) => {
		let lo = 0;
		let hi = starts.length - 1;
		if (hi < 0 || t < starts[0]) return 'outside';
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= t) lo = mid;
			else hi = mid - 1;
		}
		if (t > starts[lo] + w.times[lo] * 1000) return 'outside';
		return w.times[lo] >= limit ? 'slow' : 'fast';
	});
}

export interface UpdateCauses {
	index: number;
	ms: number;
	/** Sampled garbage collection inside the update. */
	gcMs: number;
	/** Gaps between samples far longer than the sampling interval: the thread was off a CPU. */
	unseenMs: number;
	/** The function with the most self time inside the update. */
	top: string;
}

/**
 * For each of the slowest 5 % of updates: how much was garbage collection, how much was time
 * the profiler did not see (a gap of more than three intervals: the page's thread, or the
 * sampler's, waiting for a core on a loaded machine), and the function that ran the longest.
 */
export function slowUpdateCauses(p: CpuProfile, w: UpdateWindows): UpdateCauses[] {
	const offset = clockOffset(p, w);
	const limit = slowFrom(w.times);
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const deltas = [...p.timeDeltas].sort((a, b) => a - b);
	const interval = deltas[deltas.length >> 1] ?? 1000;
	const times = sampleTimes(p);
	const out: UpdateCauses[] = [];
	let s = 0;
	w.starts.forEach((start, index) => {
		const from = start * 1000 + offset;
		const to = from + w.times[index] * 1000;
		while (s < times.length && times[s] < from) s++;
		if (w.times[index] < limit) return;
		let gc = 0;
		let unseen = 0;
		const self = new Map<string, number>();
		// Pieces of the window between samples; a piece longer than three intervals was not seen
		// beyond its first interval. The last piece ends at the window's end, or at the next sample.
		let k = s;
		let at = from;
		for (; k < times.length && times[k] <= to; k++) {
			const gap = times[k] - (k > 0 ? Math.max(times[k - 1], from) : from);
			if (gap > 3 * interval) unseen += gap - interval;
			const seen = Math.min(gap, interval);
			const f = (byId.get(p.samples[k]) as ProfileNode).callFrame;
			if (f.functionName === '(garbage collector)') gc += seen;
			const key = f.functionName || '(anonymous)';
			self.set(key, (self.get(key) ?? 0) + seen);
			at = times[k];
		}
		const next = k < times.length ? times[k] : to;
		if (next - at > 3 * interval) unseen += to - at - Math.min(to - at, interval);
		const top = [...self].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '—';
		out.push({ index, ms: w.times[index], gcMs: gc / 1000, unseenMs: unseen / 1000, top });
	});
	return out;
}
