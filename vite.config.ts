import { execFileSync } from 'node:child_process';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * On the embedded defaults every integration file starts its own broker and database, so two files
 * run side by side (most of their time is spent waiting on servers). On a real PostgreSQL and
 * MQTT broker the files share one broker's topics (an app subscribes to eoc/v1/#), so one at a time.
 */
const SHARED_SERVERS = Boolean(process.env.DATABASE_URL && process.env.MQTT_URL);

/** The commit built, for `eocwall_build_info` (server/ops/metrics.ts); empty outside a git checkout. */
function gitCommit(): string {
	try {
		return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
	} catch {
		return '';
	}
}

export default defineConfig({
	define: { __EOC_COMMIT__: JSON.stringify(gitCommit()) },
	plugins: [
		// Messages compile from messages/{en,ru,tg}.json; the wall picks its language from ?lang= or
		// the cookie that sets, so each screen of a multi-screen wall can speak its own.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit()
	],
	server: { fs: { allow: ['drizzle'] } },
	test: {
		expect: { requireAssertions: true },
		// Vitest's default is one worker per core less one: a single file at a time on two cores.
		// The integration files mostly wait on their servers, so two at a time on the embedded
		// defaults (CI's run stays under 20 minutes); on shared real servers fileParallelism is off.
		// One value for both projects: Vitest refuses projects with different maxWorkers.
		maxWorkers: 2,
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'simulators/**/*.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/**/*.test.ts'],
					testTimeout: 180_000,
					hookTimeout: 180_000,
					fileParallelism: !SHARED_SERVERS
				}
			}
		]
	}
});
