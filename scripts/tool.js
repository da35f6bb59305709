// `npm run user:add|backup|restore -- ARGS`: runs the command-line tool built into build/tools/
// (plain JavaScript: no dev package needed, docs/deploy.md), building first when the build is
// missing or stale, as `npm start` does. Reads the same .env as `npm start`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root, TOOLS } from './build-if-stale.js';

const [name, ...args] = process.argv.slice(2);
if (!TOOLS.includes(name)) {
	console.error(`eocwall: no tool "${name ?? ''}"; the tools are ${TOOLS.join(', ')}`);
	process.exit(2);
}
// EOC_DOTENV=off: the environment alone (the tests set it, so a developer's .env is never used).
if (process.env.EOC_DOTENV !== 'off' && existsSync(join(root, '.env')))
	process.loadEnvFile(join(root, '.env'));
try {
	buildIfStale();
} catch (e) {
	console.error(`eocwall: ${e.message}`);
	process.exit(1);
}
const entry = join(root, 'build', 'tools', `${name}.js`);
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
