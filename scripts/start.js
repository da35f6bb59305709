// `npm start`: build when missing or stale, then run the adapter-node server in this process.
// Configuration comes from the environment (see .env.example), or from a .env file if present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.js';

process.chdir(root);
// EOC_DOTENV=off: the environment alone (the tests set it, so a developer's .env is never used).
if (process.env.EOC_DOTENV !== 'off' && existsSync(join(root, '.env')))
	process.loadEnvFile(join(root, '.env'));
// Reference layers are uploaded at /admin/layers (up to 32 MiB); every other route keeps a small
// limit of its own (src/lib/server/http/body-limit.ts).
process.env.BODY_SIZE_LIMIT ??= '33M';
try {
	buildIfStale();
} catch (e) {
	console.error(`eocwall: ${e.message}`);
	process.exit(1);
}
await import(join(root, 'build', 'index.js'));
