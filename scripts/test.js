// `npm test`: builds the app if stale (the integration tests run the built server, as users do),
// then runs the unit and integration suites. With DATABASE_URL and MQTT_URL set, the integration
// suite runs against those servers instead of the embedded defaults.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.js';

const backend = process.env.DATABASE_URL || process.env.MQTT_URL ? 'real servers' : 'embedded';
console.log(`eocwall tests: backend = ${backend}`);
try {
	buildIfStale();
} catch (e) {
	console.error(`eocwall: ${e.message}`);
	process.exit(1);
}
const args = process.argv.slice(2);
const r = spawnSync(
	process.execPath,
	[join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args],
	{ cwd: root, stdio: 'inherit' }
);
process.exit(r.status ?? 1);
