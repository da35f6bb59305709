// Builds the app when build/ is missing or older than its sources, so that `npm start` on a fresh
// clone (or after a pull) always runs what is checked out. Shared by `npm start` and the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(root, 'build', '.built-at');
const INPUTS = [
	'src',
	'static',
	'drizzle',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

function newest(path) {
	if (!existsSync(path)) return 0;
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
	if (!existsSync(join(root, 'build', 'index.js')) || !existsSync(STAMP)) return true;
	const builtAt = statSync(STAMP).mtimeMs;
	return INPUTS.some((p) => newest(join(root, p)) > builtAt);
}

export function buildIfStale({ quiet = false } = {}) {
	if (!buildIsStale()) return false;
	if (!quiet) console.log('eocwall: building the app (first start or sources changed)...');
	const started = Date.now();
	const r = spawnSync(
		process.execPath,
		[join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
		{
			cwd: root,
			stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
			env: { ...process.env, NODE_ENV: 'production' }
		}
	);
	if (r.status !== 0) {
		throw new Error(`the build failed (exit ${r.status}); run "npm run build" to see why`);
	}
	writeFileSync(STAMP, new Date().toISOString());
	if (!quiet) console.log(`eocwall: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		buildIfStale();
	} catch (e) {
		console.error(`eocwall: ${e.message}`);
		process.exit(1);
	}
}
