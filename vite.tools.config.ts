/**
 * The command-line tools (`npm run user:add`, `backup`, `restore`) built into build/tools/, plain
 * JavaScript that node runs without tsx or any other dev package: a production install
 * (`npm ci --omit=dev`, docs/deploy.md) has only `dependencies`. As adapter-node does for the
 * server, the packages in `dependencies` stay imports (installed on the target); everything else,
 * our own code included, is bundled in. `npm run build` runs this after the app's build, which
 * empties build/ first.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { TOOLS } from './scripts/build-if-stale.js';
import svelteConfig from './svelte.config.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const runtime = Object.keys(pkg.dependencies ?? {});

export default defineConfig({
	// The app's aliases as SvelteKit sets them: $lib and the ones in svelte.config.js ($sim).
	resolve: {
		alias: {
			$lib: resolve('src/lib'),
			...Object.fromEntries(
				Object.entries(svelteConfig.kit?.alias ?? {}).map(([k, v]) => [k, resolve(v)])
			)
		}
	},
	ssr: { noExternal: true, external: runtime },
	build: {
		ssr: true,
		target: 'node20',
		outDir: 'build/tools',
		emptyOutDir: true,
		minify: false,
		copyPublicDir: false,
		rollupOptions: {
			input: Object.fromEntries(TOOLS.map((t) => [t, `scripts/${t}.ts`])),
			output: {
				format: 'esm',
				entryFileNames: '[name].js',
				chunkFileNames: 'chunks/[name]-[hash].js'
			}
		}
	}
});
