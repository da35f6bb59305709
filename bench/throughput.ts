// Ingest throughput: the same publishers push the same kind of burst through the same broker,
// once to a subscriber that only counts (the ceiling) and once to the app (stored = committed).
import { fmtCpu, startCpuMeter, type CpuGroups } from './cpu';
import { NullSubscriber, Publishers, type Message } from './mqtt';
import type { BenchApp } from './stack';
import { fmtInt, note, progress, sleep } from './util';

export interface ThroughputResult {
	/** Messages per second from the first publish to the last message received / committed. */
	rate: number;
	seconds: number;
	/** Seconds until the broker had acknowledged every publish. */
	publishSeconds: number;
	cpu: Record<string, number>;
	/**
	 * CPU time per message of each process group during the run, in µs: steadier than the rate on
	 * a shared machine, and it says where each message's cost goes.
	 */
	cpuPerMessage: Record<string, number>;
	/** From the app's /metrics: mean messages per commit and mean commit time. */
	batch?: { meanSize: number; meanCommitMs: number; commits: number };
}

/** No progress for this long means the run is stuck: fail instead of waiting forever. */
const STALL_MS = 30_000;

async function measure(
	label: string,
	pubs: Publishers,
	messages: readonly Message[],
	window: number,
	cpu: CpuGroups,
	done: () => Promise<number>,
	pollMs: number,
	/** Polls once 95 % are done, where the end time comes from the poll that sees the last. */
	finePollMs = Math.min(pollMs, 10)
): Promise<{
	t0: number;
	endAt: number;
	publishSeconds: number;
	cpu: Record<string, number>;
	cpuPerMessage: Record<string, number>;
}> {
	const n = messages.length;
	let acked = 0;
	let publishedAt = 0;
	const meterFrom = performance.now();
	const meter = startCpuMeter(cpu);
	let t0 = 0; // just before the first publish (set synchronously by blast)
	const blast = pubs
		.blast(
			messages,
			window,
			() => acked++,
			() => (t0 = performance.now())
		)
		.then(() => {
			publishedAt = performance.now();
		});
	let failed: unknown = null;
	blast.catch((e) => (failed = e));
	let last = 0;
	let lastChange = performance.now();
	let endAt: number;
	for (;;) {
		if (failed) throw failed;
		const got = await done();
		const now = performance.now();
		if (got >= n) {
			endAt = now; // when the answer that saw the last one arrived
			break;
		}
		if (got !== last) [last, lastChange] = [got, now];
		if (now - lastChange > STALL_MS) {
			throw new Error(`${label}: stuck at ${got} of ${n} for ${STALL_MS / 1000} s`);
		}
		const s = (now - t0) / 1000;
		progress(
			`  ${label}: published ${fmtInt(acked)}/${fmtInt(n)}, done ${fmtInt(got)} in ${s.toFixed(1)} s`
		);
		await sleep(got > 0.95 * n ? finePollMs : pollMs);
	}
	await blast;
	const usage = meter.stop();
	const meterSeconds = (performance.now() - meterFrom) / 1000;
	const cpuPerMessage = Object.fromEntries(
		Object.entries(usage).map(([k, pct]) => [k, (pct / 100) * meterSeconds * (1e6 / n)])
	);
	return { t0, endAt, publishSeconds: (publishedAt - t0) / 1000, cpu: usage, cpuPerMessage };
}

/**
 * Sends `messages` through the broker to the null subscriber or the app and waits for them, not
 * measured: JIT and connection warm-up would otherwise count against whichever side runs first.
 */
export async function warmUp(
	pubs: Publishers,
	messages: readonly Message[],
	window: number,
	done: () => Promise<number>
): Promise<void> {
	const base = await done();
	await pubs.blast(messages, window);
	const deadline = Date.now() + STALL_MS;
	while ((await done()) - base < messages.length) {
		if (Date.now() > deadline) throw new Error('warm-up: messages did not arrive');
		await sleep(20);
	}
}

export async function nullRun(
	brokerUrl: string,
	pubs: Publishers,
	messages: readonly Message[],
	warm: readonly Message[],
	window: number,
	cpu: CpuGroups
): Promise<ThroughputResult> {
	const sub = await NullSubscriber.start(brokerUrl);
	try {
		const groups = { ...cpu, 'null sub': () => (sub.proc.pid ? [sub.proc.pid] : []) };
		await sub.expect(warm.length);
		await warmUp(pubs, warm, window, async () => sub.count);
		await sub.expect(messages.length);
		const r = await measure('null', pubs, messages, window, groups, async () => sub.count, 20);
		const seconds = (sub.lastAt - (performance.timeOrigin + r.t0)) / 1000;
		const out = {
			publishSeconds: r.publishSeconds,
			cpu: r.cpu,
			cpuPerMessage: r.cpuPerMessage,
			seconds,
			rate: messages.length / seconds
		};
		note(
			`  null subscriber: ${fmtInt(out.rate)} msg/s (${seconds.toFixed(2)} s; ` +
				`publishes acked in ${r.publishSeconds.toFixed(2)} s) — CPU ${fmtCpu(r.cpu)}`
		);
		return out;
	} finally {
		await sub.close();
	}
}

/** Sum of a Prometheus sample (all label sets) in /metrics text. */
function metricSum(text: string, name: string): number {
	let n = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
			n += Number(line.slice(line.lastIndexOf(' ') + 1));
		}
	}
	return n;
}

/**
 * When the app's last commit returned, on this process's clock (epoch ms → performance time;
 * the processes share the machine's clock). Millisecond resolution, as /api/health reports it.
 */
async function lastCommitAt(app: BenchApp): Promise<number> {
	const health = (await (await app.fetch('/api/health')).json()) as {
		ingest: { lastCommitAt: string | null };
	};
	const at = Date.parse(health.ingest.lastCommitAt ?? '');
	if (!Number.isFinite(at)) throw new Error('the app reports no commit');
	return at - performance.timeOrigin;
}

async function batchStats(app: BenchApp) {
	const text = await (await app.fetch('/metrics')).text();
	const commits = metricSum(text, 'eocwall_ingest_batch_size_count');
	return {
		commits,
		size: metricSum(text, 'eocwall_ingest_batch_size_sum'),
		seconds: metricSum(text, 'eocwall_ingest_commit_seconds_sum')
	};
}

export async function appRun(
	app: BenchApp,
	pubs: Publishers,
	messages: readonly Message[],
	warm: readonly Message[],
	window: number,
	cpu: CpuGroups
): Promise<ThroughputResult> {
	await warmUp(pubs, warm, window, app.stored);
	const before = await batchStats(app);
	const base = await app.stored();
	// Few polls, and none fine: each counts the stored rows in PostgreSQL (4–6 ms of its CPU on
	// 100,000 rows), load the null run does not carry. The end is the app's last commit instead.
	const r = await measure(
		'app',
		pubs,
		messages,
		window,
		cpu,
		async () => (await app.stored()) - base,
		250,
		250
	);
	const after = await batchStats(app);
	const commits = after.commits - before.commits;
	const seconds = ((await lastCommitAt(app)) - r.t0) / 1000;
	const out: ThroughputResult = {
		publishSeconds: r.publishSeconds,
		cpu: r.cpu,
		cpuPerMessage: r.cpuPerMessage,
		seconds,
		rate: messages.length / seconds,
		batch: {
			commits,
			meanSize: (after.size - before.size) / commits,
			meanCommitMs: (1000 * (after.seconds - before.seconds)) / commits
		}
	};
	note(
		`  app: ${fmtInt(out.rate)} msg/s (${seconds.toFixed(2)} s; publishes acked in ` +
			`${r.publishSeconds.toFixed(2)} s; ${commits} commits of ${out.batch?.meanSize.toFixed(0)} ` +
			`msgs, ${out.batch?.meanCommitMs.toFixed(1)} ms each) — CPU ${fmtCpu(r.cpu)}`
	);
	return out;
}
