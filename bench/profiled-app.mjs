// Runs the built app (BENCH_APP_ENTRY) under the V8 CPU profiler and writes
// BENCH_PROFILE_DIR/app-<pid>.cpuprofile when it exits (`--cpu-prof` is refused in NODE_OPTIONS).
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.on('exit', () => {
	// An in-thread session answers synchronously, so this completes inside the exit handler.
	session.post('Profiler.stop', (err, res) => {
		if (err) return;
		const file = join(process.env.BENCH_PROFILE_DIR ?? '.', `app-${process.pid}.cpuprofile`);
		writeFileSync(file, JSON.stringify(res.profile));
	});
});
await import(pathToFileURL(process.env.BENCH_APP_ENTRY ?? 'build/index.js').href);
