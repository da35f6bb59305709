// Builds the app when build/ is missing or older than its sources, so that `npm start` on a fresh
// clone (or after a pull) always runs what is checked out. Shared by `npm start` and the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(root, 'build', '.built-at');
/**
 * Everything the build reads: the app (src/, which imports simulators/ for the drill engine), its
 * messages (messages/ through project.inlang), static files, the command-line tools (scripts/),
 * the build's configuration and the packages. tests/build-inputs.test.ts checks that no source
 * imports a file outside these.
 */
export const INPUTS = [
	'src',
	'simulators',
	'scripts',
	'static',
	'drizzle',
	'messages',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'vite.tools.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];
/** Built into build/tools/ by vite.tools.config.ts; run by scripts/tool.js. */
export const TOOLS = ['user-add', 'backup', 'restore'];
/** Written by the build, not read by it: a change there must not make the build stale. */
const OUTPUTS = new Set([
	join(root, 'src', 'lib', 'paraglide'),
	join(root, 'project.inlang', 'cache')
]);

/**
 * The newest modification time under a path (0 when absent or an output).
 * @param {string} path
 * @returns {number}
 */
export function newest(path) {
	if (!existsSync(path) || OUTPUTS.has(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let max = 0;
	for (const entry of readdirSync(path)) {
		if (entry.endsWith('.spec.ts')) continue; // tests do not change the build
		max = Math.max(max, newest(join(path, entry)));
	}
	return max;
}

export function buildIsStale() {
	const outputs = ['index.js', ...TOOLS.map((t) => join('tools', `${t}.js`))];
	if (!outputs.every((o) => existsSync(join(root, 'build', o)))) return true;
	// A built artifact installed without its sources (docs/deploy.md) is what it is: nothing to
	// compare with, and no vite to rebuild it (with or without the stamp).
	if (!existsSync(join(root, 'src'))) return false;
	if (!existsSync(STAMP)) return true;
	const builtAt = statSync(STAMP).mtimeMs;
	return INPUTS.some((p) => newest(join(root, p)) > builtAt);
}

export function buildIfStale({ quiet = false, force = false } = {}) {
	if (!force && !buildIsStale()) return false;
	if (!quiet) console.log('eocwall: building the app (first start or sources changed)...');
	const started = Date.now();
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	if (!existsSync(vite))
		throw new Error(
			'the build in build/ is missing or older than the sources, and vite (a dev package) is not installed to rebuild it: run "npm ci && npm run build", or install a complete built artifact (docs/deploy.md)'
		);
	// The app, then the command-line tools (the app's build empties build/ first).
	for (const args of [['build'], ['build', '--config', 'vite.tools.config.ts']]) {
		const r = spawnSync(process.execPath, [vite, ...args], {
			cwd: root,
			stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
			env: { ...process.env, NODE_ENV: 'production' }
		});
		if (r.status !== 0) {
			throw new Error(`the build failed (exit ${r.status}); run "npm run build" to see why`);
		}
	}
	writeFileSync(STAMP, new Date().toISOString());
	if (!quiet) console.log(`eocwall: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		// `npm run build` (--force): always build, and stamp it, so the tools and `npm start` on
		// the same tree take that build as current.
		buildIfStale({ force: process.argv.includes('--force') });
	} catch (e) {
		console.error(`eocwall: ${/** @type {Error} */ (e).message}`);
		process.exit(1);
	}
}
