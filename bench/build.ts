// The bench runs a private copy of the build, in a temporary directory: a `vite build` started
// meanwhile (the test suite rebuilds when src/ changes) empties build/ and would otherwise kill
// the next app start of a run.
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../tests/helpers/app';
import { buildIfStale } from '../scripts/build-if-stale.js';
import { note, onCleanup, sleep } from './util';

/** When the finished build was stamped (the stamp is written after a build completes). */
const stamp = () => {
	try {
		return statSync(join(ROOT, 'build', '.built-at')).mtimeMs;
	} catch {
		return null;
	}
};

/** Builds if the sources changed, copies build/ under bench/, and returns the entry to run. */
export async function snapshotBuild(id: string): Promise<string> {
	// Outside the project (linters and watchers never see it), next to a link to node_modules so
	// that the copy resolves its packages as build/ does.
	const top = mkdtempSync(join(tmpdir(), `eocwall-bench-build-${id}-`));
	onCleanup('the build copy', () => rm(top, { recursive: true, force: true }));
	symlinkSync(join(ROOT, 'node_modules'), join(top, 'node_modules'), 'dir');
	const dir = join(top, 'build');
	for (let attempt = 1; ; attempt++) {
		try {
			if (buildIfStale({ quiet: true })) note('bench: built the app (sources changed)');
			const before = stamp();
			if (before !== null && existsSync(join(ROOT, 'build', 'index.js'))) {
				rmSync(dir, { recursive: true, force: true });
				cpSync(join(ROOT, 'build'), dir, { recursive: true });
				// The same finished build before and after the copy: no build ran in between.
				if (stamp() === before && existsSync(join(dir, 'index.js'))) return join(dir, 'index.js');
			}
		} catch (e) {
			if (attempt >= 30) throw e;
		}
		if (attempt >= 30) throw new Error('build/ kept changing (another build running?)');
		note('bench: build/ is being rebuilt by someone else; waiting');
		await sleep(5000);
	}
}
