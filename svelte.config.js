import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// One version for the whole build: SvelteKit loads this file again for its client build,
		// and a second default (Date.now()) gave the client another global name than the server's
		// pages, so the pages never started. The environment carries it to the second load.
		version: { name: (process.env.EOC_BUILD_VERSION ??= String(Date.now())) },
		// Form posts are checked by our own hook (src/lib/server/auth/csrf.ts): it compares the
		// Origin with the Host the browser addressed, so plain http on a LAN works without ORIGIN.
		csrf: { trustedOrigins: ['*'] },
		// Content-Security-Policy on every page (a nonce on SvelteKit's own scripts). Everything is
		// served by the app itself. Styles: Svelte writes style attributes, so 'unsafe-inline'
		// (styles only). The map: maplibre runs a worker and hands tiles over as blob: URLs,
		// deck.gl loads its icon atlases from data: URLs. No page is meant to be framed: a wall
		// screen opens /wall itself (docs/deploy.md).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// Only the field app has a service worker, and it registers it itself with the scope /field
		// (src/routes/field): the wall and the console must always load from the server.
		serviceWorker: { register: false },
		// The simulators are a package with one entry: the app imports `$sim`, never a path into
		// simulators/ (vite, vitest, svelte-check and tsx all read this alias; vite.tools.config.ts too).
		alias: { $sim: 'simulators/index.ts' },
		// svelte-check covers the simulators and the integration tests as well as src/.
		typescript: {
			config: (tsconfig) => ({
				...tsconfig,
				include: [...tsconfig.include, '../simulators/**/*.ts', '../tests/**/*.ts']
			})
		}
	}
};

export default config;
