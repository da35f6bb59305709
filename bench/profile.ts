// Summarises V8 CPU profiles (from `npm run bench -- --profile DIR`): self time by package and
// by function, to see where the app spends a benchmark.
// Usage: npx tsx bench/profile.ts DIR/*.cpuprofile [--top N]
import { readFileSync } from 'node:fs';

interface Node {
	id: number;
	children?: number[];
	callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
	nodes: Node[];
	samples: number[];
	timeDeltas: number[];
}

/** A package name, `app` for the build, `node` for built-ins, or the special V8 frames. */
function area(url: string, fn: string): string {
	if (!url) return fn.startsWith('(') ? fn : '(native)';
	if (url.startsWith('node:')) return 'node';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	if (url.includes('/server/chunks/') || url.includes('/build')) return 'app';
	return url;
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => a.endsWith('.cpuprofile') && i !== topAt + 1);
if (files.length === 0) {
	console.error('usage: npx tsx bench/profile.ts FILE.cpuprofile... [--top N]');
	process.exit(1);
}

const byArea = new Map<string, number>();
const byFn = new Map<string, number>();
/** Time inside the app's own functions, callees included (synchronous callees only). */
const inclusive = new Map<string, number>();
let total = 0;
for (const file of files) {
	const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const nodes = new Map(p.nodes.map((n) => [n.id, n]));
	p.samples.forEach((id, i) => {
		const us = p.timeDeltas[i] ?? 0;
		const { functionName, url, lineNumber } = (nodes.get(id) as Node).callFrame;
		const a = area(url, functionName);
		const fn = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
		total += us;
		byArea.set(a, (byArea.get(a) ?? 0) + us);
		byFn.set(fn, (byFn.get(fn) ?? 0) + us);
	});
	// Per node, the self time; then each app function gets its subtree (once per stack).
	const self = new Map<number, number>();
	p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
	const walk = (id: number, open: Set<string>) => {
		const n = nodes.get(id) as Node;
		const { functionName, url } = n.callFrame;
		const key = area(url, functionName) === 'app' ? functionName || '(anonymous)' : null;
		const fresh = key !== null && !open.has(key);
		if (fresh) open.add(key);
		const us = self.get(id) ?? 0;
		for (const k of open) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
		for (const c of n.children ?? []) walk(c, open);
		if (fresh) open.delete(key);
	};
	walk(p.nodes[0].id, new Set());
}

const print = (title: string, m: Map<string, number>) => {
	console.log(`\n${title}`);
	for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		const pct = ((100 * us) / total).toFixed(1).padStart(5);
		console.log(`${pct} %  ${(us / 1e6).toFixed(2).padStart(7)} s  ${k}`);
	}
};
console.log(`${files.length} profile(s), ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by area', byArea);
print('self time by function', byFn);
print('app functions, callees included (async continuations count where they resume)', inclusive);
