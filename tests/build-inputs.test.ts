// scripts/build-if-stale.js rebuilds when an input of the build changed (`npm start`, the tools,
// the tests): every file the build bundles must lie under one of its INPUTS, or a change there would
// run a stale build. Checked from the sources themselves: every relative import, URL and config path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUTS, newest } from '../scripts/build-if-stale.js';
import { ROOT } from './helpers/app';

const GENERATED = join(ROOT, 'src', 'lib', 'paraglide');

function* sources(path: string): Generator<string> {
	if (path === GENERATED) return;
	if (statSync(path).isDirectory()) {
		for (const e of readdirSync(path)) yield* sources(join(path, e));
	} else if (/\.(ts|js|svelte)$/.test(path) && !/\.spec\.ts$/.test(path)) yield path;
}

const RELATIVE = [
	/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g,
	/\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
	/\bimport\s+['"](\.{1,2}\/[^'"]+)['"]/g,
	/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url/g
];

/** The INPUT a path of the repository falls under, or null. */
const inputOf = (path: string) =>
	INPUTS.find((i: string) => path === i || path.startsWith(`${i}/`)) ?? null;

describe('the inputs of the build', () => {
	it('cover every file the app and the tools import', () => {
		const outside: string[] = [];
		let seen = 0;
		for (const dir of ['src', 'simulators', 'scripts']) {
			for (const file of sources(join(ROOT, dir))) {
				const text = readFileSync(file, 'utf8');
				for (const re of RELATIVE)
					for (const m of text.matchAll(re)) {
						seen++;
						const target = relative(ROOT, resolve(dirname(file), m[1].split('?')[0]));
						if (!inputOf(target)) outside.push(`${relative(ROOT, file)} imports ${target}`);
					}
			}
		}
		expect(seen).toBeGreaterThan(500);
		expect(outside).toEqual([]);
	});

	it('cover the messages, the tools and the configuration the build reads', () => {
		const settings = JSON.parse(
			readFileSync(join(ROOT, 'project.inlang', 'settings.json'), 'utf8')
		);
		const pattern: string = settings['plugin.inlang.messageFormat'].pathPattern;
		const vite = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
		const tools = readFileSync(join(ROOT, 'vite.tools.config.ts'), 'utf8');
		const paths = [
			relative(ROOT, resolve(ROOT, dirname(pattern))),
			...[...vite.matchAll(/project:\s*'\.\/([^']+)'/g)].map((m) => m[1]),
			...[...tools.matchAll(/`(scripts)\/\$\{t\}\.ts`/g)].map((m) => m[1]),
			'simulators',
			'svelte.config.js',
			'vite.config.ts',
			'vite.tools.config.ts',
			'package-lock.json'
		];
		expect(paths).toContain('messages');
		expect(paths).toContain('project.inlang');
		expect(paths).toContain('scripts');
		for (const p of paths) expect(inputOf(p), p).not.toBeNull();
	});

	it('ignore what the build writes and the unit tests', () => {
		expect(newest(GENERATED)).toBe(0);
		// server/app holds modules and their unit tests side by side
		const dir = join(ROOT, 'src', 'lib', 'server', 'app');
		const specs = readdirSync(dir).filter((f) => f.endsWith('.spec.ts'));
		expect(specs.length).toBeGreaterThan(0);
		const newestSource = Math.max(
			...readdirSync(dir)
				.filter((f) => !f.endsWith('.spec.ts'))
				.map((f) => newest(join(dir, f)))
		);
		expect(newest(dir)).toBe(newestSource);
	});
});
