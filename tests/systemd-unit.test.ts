// The systemd units in deploy/: the keys a service needs, parsed here on every machine, and
// `systemd-analyze verify` where it is installed (it also checks that ExecStart's binary exists).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/app';

const UNITS = ['eocwall.service', 'eocwall-backup.service', 'eocwall-backup.timer'];
const SECTIONS = new Set(['Unit', 'Service', 'Timer', 'Install']);

/** A unit file as section → key → values; throws on a line that is none of these. */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
	const unit: Record<string, Record<string, string[]>> = {};
	let section: Record<string, string[]> | null = null;
	for (const [i, raw] of text.replace(/\\\n/g, ' ').split('\n').entries()) {
		const line = raw.trim();
		if (!line || line.startsWith('#') || line.startsWith(';')) continue;
		const head = /^\[(\w+)\]$/.exec(line);
		if (head) {
			if (!SECTIONS.has(head[1])) throw new Error(`line ${i + 1}: unknown section [${head[1]}]`);
			section = unit[head[1]] = {};
		} else {
			const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
			if (!kv || !section) throw new Error(`line ${i + 1}: not a key=value in a section`);
			(section[kv[1]] ??= []).push(kv[2]);
		}
	}
	return unit;
}

const read = (name: string) => parseUnit(readFileSync(join(ROOT, 'deploy', name), 'utf8'));

describe('the systemd units in deploy/', () => {
	it('run the built server as its own user, restart it, and stop it after the app has', () => {
		const u = read('eocwall.service');
		const s = u.Service;
		expect(s.ExecStart[0]).toMatch(/^\/usr\/bin\/node .*build\/index\.js$/);
		expect(s.User).toEqual(['eocwall']);
		expect(s.WorkingDirectory[0]).toMatch(/^\//);
		expect(s.EnvironmentFile[0]).toMatch(/^-?\//);
		expect(s.Restart).toEqual(['always']);
		// Longer than adapter-node's SHUTDOWN_TIMEOUT (30 s): the batch in flight is committed.
		expect(Number(s.TimeoutStopSec[0])).toBeGreaterThan(30);
		expect(s.StateDirectory).toEqual(['eocwall']);
		expect(s.Environment).toContain('PGLITE_DIR=/var/lib/eocwall/pglite');
		expect(u.Install.WantedBy).toEqual(['multi-user.target']);
	});

	it('back up nightly with the backup tool', () => {
		const service = read('eocwall-backup.service');
		expect(service.Service.Type).toEqual(['oneshot']);
		expect(service.Service.ExecStart[0]).toMatch(
			/scripts\/tool\.js backup \/var\/backups\/eocwall\/.*\.jsonl\.gz/
		);
		const timer = read('eocwall-backup.timer');
		expect(timer.Timer.OnCalendar[0]).toMatch(/\d\d:\d\d/);
		expect(timer.Install.WantedBy).toEqual(['timers.target']);
	});

	it('pass systemd-analyze verify where it is installed', () => {
		const which = spawnSync('sh', ['-c', 'command -v systemd-analyze']);
		const available = which.status === 0;
		if (!available) {
			// Without systemd here the parse above is the check: every unit parses.
			for (const name of UNITS) expect(Object.keys(read(name)).length).toBeGreaterThan(1);
			return;
		}
		const dir = mkdtempSync(join(tmpdir(), 'eocwall-units-'));
		try {
			for (const name of UNITS) copyFileSync(join(ROOT, 'deploy', name), join(dir, name));
			const r = spawnSync('systemd-analyze', ['verify', ...UNITS.map((n) => join(dir, n))], {
				encoding: 'utf8'
			});
			const ours = (r.stderr + r.stdout)
				.split('\n')
				.filter((l) => UNITS.some((n) => l.includes(n)));
			expect(ours).toEqual([]);
			expect(r.status).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
