// npm's `prepare` (after `npm ci`/`npm install`): compile the messages and let SvelteKit write its
// types, for development and for the build. A production install (`npm ci --omit=dev` beside a
// built artifact, docs/deploy.md) has neither tool nor sources to compile, and needs nothing here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-if-stale.js';

const bin = (name) => join(root, 'node_modules', '.bin', name);
if (!existsSync(bin('svelte-kit')) || !existsSync(join(root, 'src'))) process.exit(0);
for (const cmd of [
	['npm', 'run', 'i18n'],
	[bin('svelte-kit'), 'sync']
]) {
	const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
