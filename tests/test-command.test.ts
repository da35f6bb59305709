import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/app';

describe('npm test on a machine without Chromium', () => {
	it('stops at once with one line that says how to get it', () => {
		const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test.js')], {
			cwd: ROOT,
			env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(r.status).toBe(3);
		const lines = r.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('apt-get install -y chromium');
		expect(lines[0]).toContain('CHROMIUM_PATH');
		expect(r.stdout).not.toContain('RUN'); // vitest never started
	});
});
