// How long the wall page's main thread ran, and how long it waited for a CPU, while the bench
// applied its updates (Linux schedstat of the renderer's main thread). On a shared two-core
// machine a thread that waits for a core shows up as a slow update that no profile explains.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export interface SchedSample {
	/** ns on a CPU, ns runnable but waiting for one, per renderer pid. */
	byPid: Map<number, [number, number]>;
}

export interface SchedDelta {
	pid: number;
	onCpuS: number;
	waitingS: number;
}

function schedstat(pid: number): [number, number] | null {
	try {
		// The main thread's id is the process id.
		const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ');
		return [Number(run), Number(wait)];
	} catch {
		return null; // not Linux, or the process is gone
	}
}

/** The browser's renderer processes (one per page here), as Chromium lists them. */
async function rendererPids(browser: Browser): Promise<number[]> {
	const cdp = await browser.newBrowserCDPSession();
	try {
		const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
			processInfo: { type: string; id: number }[];
		};
		return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
	} finally {
		await cdp.detach();
	}
}

export async function schedSample(browser: Browser): Promise<SchedSample> {
	const byPid = new Map<number, [number, number]>();
	for (const pid of await rendererPids(browser)) {
		const s = schedstat(pid);
		if (s) byPid.set(pid, s);
	}
	return { byPid };
}

/** The renderer that ran most between the two samples: the page's. Null without schedstat. */
export function schedDelta(before: SchedSample, after: SchedSample): SchedDelta | null {
	let best: SchedDelta | null = null;
	for (const [pid, [run, wait]] of after.byPid) {
		const [run0, wait0] = before.byPid.get(pid) ?? [0, 0];
		const d = { pid, onCpuS: (run - run0) / 1e9, waitingS: (wait - wait0) / 1e9 };
		if (!best || d.onCpuS > best.onCpuS) best = d;
	}
	return best;
}
