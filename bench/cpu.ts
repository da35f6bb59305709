// CPU time per process group during a phase, from /proc (Linux): on a 2-core machine it shows
// which process saturates a core (the publishers, the broker, the app, or PostgreSQL).
import { readdirSync, readFileSync } from 'node:fs';
import { note, progress } from './util';

const TICKS_PER_SECOND = 100; // USER_HZ (getconf CLK_TCK) on Linux

/** utime + stime of a process in seconds, or 0 once it is gone. */
function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the parenthesised command name, which may itself hold spaces.
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
	} catch {
		return 0;
	}
}

/** CPU seconds the whole machine spent busy (all cores), from the first line of /proc/stat. */
function machineBusySeconds(): number {
	const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
	return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** Pids whose command name is `comm` (e.g. every PostgreSQL backend). */
export function pidsByName(comm: string): number[] {
	const out: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) out.push(Number(entry));
		} catch {
			// gone meanwhile
		}
	}
	return out;
}

/** Process groups to account for, resolved at every sample (backends come and go). */
export type CpuGroups = Record<string, () => number[]>;

export interface CpuMeter {
	/** CPU use of each group since start, in % of one core (200 % = both cores of this machine). */
	stop(): Record<string, number>;
}

export function startCpuMeter(groups: CpuGroups): CpuMeter {
	const sample = () => {
		const s: Record<string, number> = {};
		for (const [name, pids] of Object.entries(groups)) {
			s[name] = pids().reduce((n, pid) => n + cpuSeconds(pid), 0);
		}
		const self = process.cpuUsage();
		s.bench = (self.user + self.system) / 1e6;
		// Everything else on the machine: other people's tests skew a benchmark, so show them.
		s.other = machineBusySeconds() - Object.values(s).reduce((a, b) => a + b, 0);
		return s;
	};
	const before = sample();
	const t0 = performance.now();
	return {
		stop() {
			const after = sample();
			const seconds = (performance.now() - t0) / 1000;
			const out: Record<string, number> = {};
			for (const k of Object.keys(after)) out[k] = (100 * (after[k] - (before[k] ?? 0))) / seconds;
			return out;
		}
	};
}

export const fmtCpu = (cpu: Record<string, number>) =>
	Object.entries(cpu)
		.map(([k, v]) => `${k} ${v.toFixed(0)}%`)
		.join(', ');

/**
 * Waits (up to maxSeconds) until the machine is nearly idle over 2 s — the bench's own idle
 * processes included — so that other people's work does not land in a measurement.
 */
export async function waitQuiet(maxSeconds: number, thresholdPct = 20): Promise<void> {
	if (maxSeconds <= 0) return;
	const deadline = Date.now() + maxSeconds * 1000;
	for (;;) {
		const before = machineBusySeconds();
		await new Promise((r) => setTimeout(r, 2000));
		const busy = (100 * (machineBusySeconds() - before)) / 2;
		if (busy < thresholdPct) return;
		if (Date.now() > deadline) {
			note(`bench: the machine is still busy (${busy.toFixed(0)} % CPU); measuring anyway`);
			return;
		}
		progress(`bench: waiting for the machine to be quiet (${busy.toFixed(0)} % CPU busy)`);
	}
}

/** Pids of this process's own children whose command line contains `needle`. */
export function ownChildren(needle: string): number[] {
	const out: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid !== process.pid) continue;
			const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (cmd.includes(needle)) out.push(Number(entry));
		} catch {
			// gone meanwhile
		}
	}
	return out;
}
