// The final tables on stdout.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { ROOT } from '../tests/helpers/app';
import { fmtCpu } from './cpu';
import type { LatencyResult } from './latency';
import { DESCRIPTIONS, type BackendName } from './stack';
import type { ThroughputResult } from './throughput';
import { fmtInt, fmtMs, table } from './util';

export interface Options {
	backends: BackendName[];
	messages: number;
	sensors: number;
	publishers: number;
	window: number;
	rounds: number;
	warmup: number;
	rate: number;
	seconds: number;
	teams: number;
	timeout: number;
	quietWait: number;
	/** The wall-under-load run: on (after the backends), off, or only (no backends). */
	wall: 'on' | 'off' | 'only';
	/** The mudflow model's speed: on (after the rest), off, or only (nothing else). */
	model: 'on' | 'off' | 'only';
	/** /wall's bytes over the wire: on (after the wall run), off, or only. */
	wire: 'on' | 'off' | 'only';
	/** The alarm rules engine's cost and latency: on (last), off, or only (nothing else). */
	alarms: 'on' | 'off' | 'only';
	alarmMessages: number;
	outbox: 'on' | 'off' | 'only';
	outboxMessages: number;
	outboxSeconds: number;
	wallTeams: number;
	wallIncidents: number;
	wallUpdates: number;
	wallResources: number;
}

export interface BackendResult {
	backend: BackendName;
	rounds: { null: ThroughputResult | null; app: ThroughputResult }[];
	latency: LatencyResult | null;
	error: string | null;
}

const RATIO_TARGET = 0.6;
const P99_TARGET_MS = 100;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Other processes on the machine used more than this (% of one core): the figure is suspect. */
const NOISY_PCT = 25;
const noisy = (...cpu: (Record<string, number> | undefined)[]) =>
	cpu.some((c) => (c?.other ?? 0) > NOISY_PCT) ? ' (noisy)' : '';

/** The commit measured, and whether src/ differed from it (others may be editing). */
function revision(): string {
	try {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT }).toString().trim();
		const dirty = git('status', '--porcelain', '--', 'src', 'drizzle') !== '';
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in src/' : ''}`;
	} catch {
		return 'unknown revision';
	}
}

export function header(o: Options, payloadBytes: number, loadAtStart: number[]): string {
	return (
		`eocwall bench — ${revision()} — ${cpus().length} cores ` +
		`(${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, ${new Date().toISOString()}\n` +
		`throughput: ${fmtInt(o.messages)} QoS 1 sensor readings (~${payloadBytes} B) over ` +
		`${o.sensors} sensors, ${o.publishers} publishers × ${o.window} in flight, ${o.rounds} round(s), ` +
		`${fmtInt(o.warmup)} unmeasured first\n` +
		(process.env.BENCH_MOSQUITTO_CONF
			? `Mosquitto config: ${process.env.BENCH_MOSQUITTO_CONF} (NOT docs/mosquitto/eocwall.conf)\n`
			: '') +
		(process.env.BENCH_APP_ENV ? `app settings under test: ${process.env.BENCH_APP_ENV}\n` : '') +
		`latency: ${fmtInt(o.rate)} positions/s of ${o.teams} teams for ${o.seconds} s\n` +
		`load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ` +
		`${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')} (other work on the machine skews every figure: see "other" CPU)\n`
	);
}

export function report(results: BackendResult[]): string {
	const out: string[] = [];
	const tp: string[][] = [
		['backend', 'round', 'null msg/s', 'app msg/s', 'app/null', 'app batch', 'commit', 'result']
	];
	for (const r of results) {
		r.rounds.forEach((round, i) => {
			const ratio = round.null ? round.app.rate / round.null.rate : NaN;
			tp.push([
				`${r.backend} (${DESCRIPTIONS[r.backend]})`,
				String(i + 1),
				round.null ? fmtInt(round.null.rate) : '—',
				fmtInt(round.app.rate),
				Number.isFinite(ratio) ? ratio.toFixed(2) : '—',
				round.app.batch ? fmtInt(round.app.batch.meanSize) : '—',
				round.app.batch ? `${round.app.batch.meanCommitMs.toFixed(1)} ms` : '—',
				(Number.isFinite(ratio) ? (ratio >= RATIO_TARGET ? 'ok' : 'MISSED') : '') +
					noisy(round.null?.cpu, round.app.cpu)
			]);
		});
		const nulls = r.rounds.flatMap((x) => (x.null ? [x.null.rate] : []));
		if (r.rounds.length > 1) {
			const apps = r.rounds.map((x) => x.app.rate);
			const ratio = nulls.length ? mean(apps) / mean(nulls) : NaN;
			tp.push([
				`${r.backend} (${DESCRIPTIONS[r.backend]})`,
				'mean',
				nulls.length ? fmtInt(mean(nulls)) : '—',
				fmtInt(mean(apps)),
				Number.isFinite(ratio) ? ratio.toFixed(2) : '—',
				'',
				'',
				Number.isFinite(ratio) ? (ratio >= RATIO_TARGET ? 'ok' : 'MISSED') : ''
			]);
		}
	}
	out.push(`Ingest throughput (target app/null ≥ ${RATIO_TARGET}):\n${table(tp)}`);

	const cpu: string[][] = [['backend', 'round', 'phase', 'CPU, % of one core (200 % = both)']];
	for (const r of results) {
		r.rounds.forEach((round, i) => {
			if (round.null) cpu.push([r.backend, String(i + 1), 'null', fmtCpu(round.null.cpu)]);
			cpu.push([r.backend, String(i + 1), 'app', fmtCpu(round.app.cpu)]);
		});
		if (r.latency) cpu.push([r.backend, '', 'latency', fmtCpu(r.latency.cpu)]);
	}
	out.push(`CPU during each phase:\n${table(cpu)}`);

	// µs of CPU per message: what each process spends on one message, whatever the run's length.
	const per: string[][] = [['backend', 'round', 'phase', 'CPU per message, µs']];
	const fmtPer = (c: Record<string, number>) =>
		Object.entries(c)
			.filter(([k, v]) => k !== 'other' && v > 0.05)
			.map(([k, v]) => `${k} ${v.toFixed(1)}`)
			.join(', ');
	for (const r of results) {
		r.rounds.forEach((round, i) => {
			if (round.null)
				per.push([r.backend, String(i + 1), 'null', fmtPer(round.null.cpuPerMessage)]);
			per.push([r.backend, String(i + 1), 'app', fmtPer(round.app.cpuPerMessage)]);
		});
	}
	out.push(`CPU time per message (the machine's "other" work left out):\n${table(per)}`);

	const lt: string[][] = [
		['backend', 'msg/s', 'sent', 'seen', 'exact', 'p50', 'p90', 'p99', 'max', 'result']
	];
	for (const r of results) {
		const l = r.latency;
		if (!l) continue;
		lt.push([
			`${r.backend} (${DESCRIPTIONS[r.backend]})`,
			fmtInt(l.rate),
			fmtInt(l.sent),
			fmtInt(l.seen),
			fmtInt(l.exact),
			fmtMs(l.p50),
			fmtMs(l.p90),
			fmtMs(l.p99),
			fmtMs(l.max),
			(l.p99 < P99_TARGET_MS && l.seen === l.sent ? 'ok' : 'MISSED') + noisy(l.cpu)
		]);
	}
	out.push(
		`Publish → SSE \`team\` event latency (target p99 < ${P99_TARGET_MS} ms):\n${table(lt)}`
	);
	for (const r of results) if (r.error) out.push(`${r.backend}: FAILED: ${r.error}\n`);
	return out.join('\n');
}
