/**
 * No import cycles in the app or the simulators: a cycle makes a module's exports undefined
 * while the cycle loads, and ties modules that should stand apart. dependency-cruiser reads
 * .ts and .svelte files, resolves $lib, and sees type-only imports too (a type cycle is still
 * two modules that cannot be understood one without the other).
 */
import { resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/** Modules SvelteKit provides at build time: nothing to resolve on disk. */
const VIRTUAL = /^(\$app\/|\$env\/|\$service-worker$|\.\/\$types$)/;

async function graph(): Promise<ICruiseResult> {
	const tsConfig = resolve(ROOT, 'tsconfig.json');
	const result = await cruise(
		['src', 'simulators'],
		{
			baseDir: ROOT,
			validate: true,
			tsPreCompilationDeps: true,
			tsConfig: { fileName: tsConfig },
			exclude: { path: ['node_modules', '\\.svelte-kit', '^src/lib/paraglide/'] },
			doNotFollow: { path: ['node_modules'] },
			ruleSet: {
				forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }]
			},
			outputType: 'json'
		},
		{
			alias: { $lib: resolve(ROOT, 'src/lib'), $sim: resolve(ROOT, 'simulators/index.ts') },
			extensions: ['.ts', '.js', '.svelte', '.json']
		},
		{ tsConfig: extractTSConfig(tsConfig) }
	);
	return typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
}

describe('imports', () => {
	it('form no cycle in src/ and simulators/', { timeout: 120_000 }, async () => {
		const g = await graph();
		// Every import of the project's own files resolved, so no cycle hides behind one that did not.
		const unresolved = g.modules.flatMap((m) =>
			m.dependencies
				.filter((d) => d.couldNotResolve && /^(\.|\$lib\/|\$sim$)/.test(d.module))
				.filter((d) => !VIRTUAL.test(d.module))
				.map((d) => `${m.source} imports ${d.module}`)
		);
		expect(unresolved).toEqual([]);
		expect(g.modules.some((m) => m.source.endsWith('.svelte'))).toBe(true);
		const cycles = g.summary.violations.map((v) =>
			[v.from, ...(v.cycle ?? []).map((c) => (typeof c === 'string' ? c : c.name))].join(' -> ')
		);
		expect(cycles).toEqual([]);
	});
});
