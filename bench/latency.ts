// Publish-to-stream latency: positions of a few teams at a steady rate, each carrying its
// publish time in `ts`; the SSE client notes when the wall would show it.
import { topics } from '../src/lib/contracts';
import { bearer } from '../tests/helpers/principals';
import { SseClient } from '../tests/helpers/sse';
import { fmtCpu, startCpuMeter, type CpuGroups } from './cpu';
import type { Publishers } from './mqtt';
import type { BenchApp } from './stack';
import { fmtInt, note, percentile, progress, sleep } from './util';

export interface LatencyResult {
	sent: number;
	/** Positions seen on the stream (exactly, or superseded by a newer one of the team). */
	seen: number;
	/** Of those, shown by an event that carried exactly this position. */
	exact: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	/** The rate actually achieved by the pacing loop. */
	rate: number;
	/** Seconds into the run at which the slowest position was published (to find a stall). */
	worstAt: number;
	cpu: Record<string, number>;
}

interface Sent {
	ts: number;
	sentAt: number;
}

const DRAIN_MS = 15_000;

/**
 * A team's event is matched to every position it covers: the change log sends each team's view
 * once per commit, so when a commit holds two positions of a team only the newer one travels.
 * The older one is on the wall from that event on, so its latency ends there too ("seen"); "exact"
 * counts the positions that had an event of their own.
 */
function match(sent: Map<string, Sent[]>, sse: SseClient) {
	const events = new Map<string, { ts: number; at: number }[]>();
	for (const e of sse.events) {
		if (e.event !== 'team') continue;
		const team = JSON.parse(e.data) as { id: string; positionTs: string | null };
		if (!team.positionTs) continue;
		const list = events.get(team.id) ?? [];
		list.push({ ts: Date.parse(team.positionTs), at: e.receivedAt });
		events.set(team.id, list);
	}
	const latencies: number[] = [];
	let exact = 0;
	let worst = { ms: -Infinity, sentAt: 0 };
	for (const [team, sends] of sent) {
		const evs = events.get(team) ?? [];
		let j = 0;
		for (const s of sends) {
			while (j < evs.length && evs[j].ts < s.ts) j++;
			if (j === evs.length) break;
			const ms = evs[j].at - s.sentAt;
			latencies.push(ms);
			if (ms > worst.ms) worst = { ms, sentAt: s.sentAt };
			if (evs[j].ts === s.ts) exact++;
		}
	}
	return { latencies: latencies.sort((a, b) => a - b), exact, worstSentAt: worst.sentAt };
}

export async function latencyRun(
	app: BenchApp,
	pubs: Publishers,
	rate: number,
	seconds: number,
	teams: number,
	runId: string,
	cpu: CpuGroups
): Promise<LatencyResult> {
	const sse = new SseClient(`${app.url}/api/v1/stream`, undefined, bearer(app.auth));
	try {
		await sse.waitFor((e) => e.event === 'snapshot', 15_000);
		const sent = new Map<string, Sent[]>();
		const lastTs = new Map<string, number>();
		const teamIds = Array.from({ length: teams }, (_, i) => `bench-${runId}-t${i}`);
		let errors = 0;
		let i = 0;
		const meter = startCpuMeter(cpu);
		const start = Date.now();
		const end = start + seconds * 1000;
		let shownAt = 0;
		for (let now = start; now < end; now = Date.now()) {
			const due = Math.floor(((now - start) * rate) / 1000);
			for (; i < due; i++) {
				const team = teamIds[i % teams];
				const sentAt = Date.now();
				// ts = the publish time, made unique per team so each position is identifiable.
				const ts = Math.max(sentAt, (lastTs.get(team) ?? 0) + 1);
				lastTs.set(team, ts);
				const step = Math.floor(i / teams);
				const payload = {
					msgId: `${runId}-p${i}`,
					ts,
					lat: 37.91 + 0.0001 * Math.sin(step / 50) + 0.001 * (i % teams),
					lon: 69.78 + 0.0001 * Math.cos(step / 50),
					accuracyM: 8,
					speedMps: 4.2,
					headingDeg: (step * 3) % 360,
					batteryPct: 76
				};
				const list = sent.get(team) ?? [];
				list.push({ ts, sentAt });
				sent.set(team, list);
				pubs.publish(
					{ topic: topics.position(team), payload: Buffer.from(JSON.stringify(payload)) },
					(err) => err && errors++
				);
			}
			if (now - shownAt >= 250) {
				shownAt = now;
				const s = ((now - start) / 1000).toFixed(1);
				progress(
					`  latency: ${fmtInt(i)} positions published in ${s} s, ${sse.events.length} events`
				);
			}
			await sleep(1);
		}
		const achieved = (i * 1000) / (Date.now() - start);
		const usage = meter.stop();
		// Wait until the newest position of every team has arrived (or give up after DRAIN_MS).
		const newest = new Map<string, number>();
		let scanned = 0;
		const deadline = Date.now() + DRAIN_MS;
		for (;;) {
			for (; scanned < sse.events.length; scanned++) {
				const e = sse.events[scanned];
				if (e.event !== 'team') continue;
				const t = JSON.parse(e.data) as { id: string; positionTs: string | null };
				if (t.positionTs) newest.set(t.id, Date.parse(t.positionTs));
			}
			if ([...lastTs].every(([team, ts]) => (newest.get(team) ?? 0) >= ts)) break;
			if (Date.now() > deadline) {
				note(`  latency: not every last position arrived in ${DRAIN_MS / 1000} s`);
				break;
			}
			await sleep(20);
		}
		if (errors) note(`  latency: ${errors} publishes failed`);
		const { latencies, exact, worstSentAt } = match(sent, sse);
		const result: LatencyResult = {
			sent: i,
			seen: latencies.length,
			exact,
			p50: percentile(latencies, 50),
			p90: percentile(latencies, 90),
			p99: percentile(latencies, 99),
			max: latencies[latencies.length - 1] ?? NaN,
			rate: achieved,
			worstAt: (worstSentAt - start) / 1000,
			cpu: usage
		};
		note(
			`  latency: ${result.seen}/${result.sent} seen (${exact} exact), p50 ${result.p50} ms, ` +
				`p99 ${result.p99} ms, max ${result.max} ms (published at ${result.worstAt.toFixed(1)} s) at ${fmtInt(achieved)} msg/s — CPU ${fmtCpu(usage)}`
		);
		return result;
	} finally {
		await sse.close();
	}
}
