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
		// Form posts are checked by our own hook (src/lib/server/auth/csrf.ts): it compares the
		// Origin with the Host the browser addressed, so plain http on a LAN works without ORIGIN.
		csrf: { trustedOrigins: ['*'] },
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
