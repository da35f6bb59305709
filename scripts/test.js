// `npm test`: builds the app if stale (the integration tests run the built server, as users do),
// then runs the unit and integration suites. With DATABASE_URL and MQTT_URL set, the integration
// suite runs against those servers instead of the embedded defaults.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.js';

const { DATABASE_URL, MQTT_URL } = process.env;
if (Boolean(DATABASE_URL) !== Boolean(MQTT_URL)) {
	console.error(
		'eocwall tests: set both DATABASE_URL and MQTT_URL for the real-server run, or neither.'
	);
	process.exit(2);
}
console.log(
	`eocwall tests: backend = ${DATABASE_URL ? `${DATABASE_URL} + ${MQTT_URL}` : 'embedded (PGlite + aedes)'}`
);
// The wall's browser tests drive Debian's Chromium: say so in one line rather than fail obscurely.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
	console.error(
		`eocwall tests need Chromium for the browser tests, not found at ${chromium}: apt-get install -y chromium (Debian), or set CHROMIUM_PATH to a Chromium binary.`
	);
	process.exit(3);
}
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
