// `npm start`: build when missing or stale, then run the adapter-node server in this process.
// Configuration comes from the environment (see .env.example), or from a .env file if present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.js';

process.chdir(root);
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
try {
	buildIfStale();
} catch (e) {
	console.error(`eocwall: ${e.message}`);
	process.exit(1);
}
await import(join(root, 'build', 'index.js'));
