// Summarises V8 CPU profiles (from `npm run bench -- --profile DIR`, or the wall's
// BENCH_WALL_PROFILE): self time by package and by function, to see where a benchmark goes.
// Usage: npx tsx bench/profile.ts DIR/*.cpuprofile [--top N]
//        npx tsx bench/profile.ts WALL.cpuprofile --windows WALL.cpuprofile.windows.json
// With --windows, the wall's samples are split into the slowest 5 % of updates, the other
// updates and what ran between them, each reported in ms per update.
import { readFileSync } from 'node:fs';
import {
	classifySamples,
	slowFrom,
	slowUpdateCauses,
	type CpuProfile,
	type ProfileNode,
	type SampleKind,
	type UpdateWindows
} from './profile-windows';

/** A package name, `app` for the build, `node` for built-ins, or the special V8 frames. */
function area(url: string, fn: string): string {
	if (!url) return fn.startsWith('(') ? fn : '(native)';
	if (url.startsWith('node:')) return 'node';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	if (url.includes('/server/chunks/') || url.includes('/build')) return 'app';
	if (url.includes('/_app/immutable/')) return 'app (client)';
	return url;
}
const isApp = (a: string) => a === 'app' || a === 'app (client)';

const args = process.argv.slice(2);
const option = (name: string) => {
	const at = args.indexOf(name);
	return at >= 0 ? args[at + 1] : undefined;
};
const top = Number(option('--top') ?? 25);
const windowsFile = option('--windows');
const files = args.filter((a, i) => a.endsWith('.cpuprofile') && args[i - 1] !== '--windows');
if (files.length === 0) {
	console.error('usage: npx tsx bench/profile.ts FILE.cpuprofile... [--top N] [--windows FILE]');
	process.exit(1);
}

interface Tally {
	total: number;
	byArea: Map<string, number>;
	byFn: Map<string, number>;
	/** Time inside the app's own functions, callees included (synchronous callees only). */
	inclusive: Map<string, number>;
}
const tally = (): Tally => ({ total: 0, byArea: new Map(), byFn: new Map(), inclusive: new Map() });
const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);

const tallies = new Map<SampleKind | 'all', Tally>();
const windows = windowsFile
	? (JSON.parse(readFileSync(windowsFile, 'utf8')) as UpdateWindows)
	: null;

for (const file of files) {
	const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const nodes = new Map(p.nodes.map((n) => [n.id, n]));
	const parents = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
	const kinds: (SampleKind | 'all')[] =
		windows && files.length === 1 ? classifySamples(p, windows) : p.samples.map(() => 'all');
	p.samples.forEach((id, i) => {
		const us = p.timeDeltas[i + 1] ?? 0; // the time until the next sample belongs to this one
		const kind = kinds[i];
		let t = tallies.get(kind);
		if (!t) tallies.set(kind, (t = tally()));
		const { functionName, url, lineNumber } = (nodes.get(id) as ProfileNode).callFrame;
		const fn = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
		t.total += us;
		add(t.byArea, area(url, functionName), us);
		add(t.byFn, fn, us);
		// Each app function on the stack gets the sample once (recursion counted once).
		const open = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
			const f = (nodes.get(at) as ProfileNode).callFrame;
			if (isApp(area(f.url, f.functionName))) open.add(f.functionName || '(anonymous)');
		}
		for (const k of open) add(t.inclusive, k, us);
	});
}

const print = (title: string, m: Map<string, number>, total: number, per: number | null) => {
	console.log(`\n${title}`);
	for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		const pct = ((100 * us) / total).toFixed(1).padStart(5);
		const amount =
			per === null
				? `${(us / 1e6).toFixed(2).padStart(7)} s`
				: `${(us / 1e3 / per).toFixed(3).padStart(7)} ms/update`;
		console.log(`${pct} %  ${amount}  ${k}`);
	}
};

const TITLES: Record<SampleKind | 'all', string> = {
	all: 'all samples',
	slow: 'in the slowest 5 % of updates',
	fast: 'in the other updates',
	outside: 'between updates (frames, timers, the bench loop)'
};
const slowCount = windows ? windows.times.filter((t) => t >= slowFrom(windows.times)).length : 0;
for (const kind of ['slow', 'fast', 'outside', 'all'] as const) {
	const t = tallies.get(kind);
	if (!t) continue;
	const per =
		windows && kind === 'slow'
			? slowCount
			: windows && kind === 'fast'
				? windows.times.length - slowCount
				: null;
	const measured =
		windows && per !== null
			? windows.times.filter((x) => (kind === 'slow') === x >= slowFrom(windows.times))
			: [];
	const sum = measured.reduce((a, b) => a + b, 0);
	console.log(
		`\n=== ${TITLES[kind]}: ${(t.total / 1e6).toFixed(2)} s sampled` +
			(per ? ` over ${per} updates (measured ${(sum / per).toFixed(2)} ms/update)` : '')
	);
	print('self time by area', t.byArea, t.total, per);
	print('self time by function', t.byFn, t.total, per);
	print('app functions, callees included', t.inclusive, t.total, per);
}

if (windows && files.length === 1) {
	const causes = slowUpdateCauses(
		JSON.parse(readFileSync(files[0], 'utf8')) as CpuProfile,
		windows
	);
	const sum = (f: (c: (typeof causes)[number]) => number) => causes.reduce((a, c) => a + f(c), 0);
	const n = causes.length || 1;
	console.log(
		`\n=== the slowest 5 % one by one: ${causes.length} updates, mean ${(sum((c) => c.ms) / n).toFixed(2)} ms, ` +
			`of which garbage collection ${(sum((c) => c.gcMs) / n).toFixed(2)} ms and time off a CPU ` +
			`(unsampled gaps) ${(sum((c) => c.unseenMs) / n).toFixed(2)} ms; ` +
			`${causes.filter((c) => c.unseenMs > c.ms / 2).length} of them were mostly off a CPU`
	);
	for (const c of causes.slice(0, top)) {
		console.log(
			`  #${c.index}: ${c.ms.toFixed(1)} ms, gc ${c.gcMs.toFixed(1)} ms, off CPU ${c.unseenMs.toFixed(1)} ms, longest ${c.top}`
		);
	}
}
