// Shared plumbing for the benchmark: cleanup on every exit path, deadlines, a progress line on
// stderr, and the statistics the report prints.

type Cleanup = { what: string; run: () => Promise<unknown> | unknown };
const cleanups: Cleanup[] = [];

/**
 * Registers a cleanup; returns a function that unregisters it and runs it now (once), or only
 * unregisters it when called with `false`.
 */
export function onCleanup(what: string, run: Cleanup['run']): (now?: boolean) => Promise<void> {
	const entry: Cleanup = { what, run };
	cleanups.push(entry);
	return async (now = true) => {
		const i = cleanups.indexOf(entry);
		if (i < 0) return;
		cleanups.splice(i, 1);
		if (!now) return;
		await withTimeout(`cleanup: ${what}`, Promise.resolve(entry.run()), 20_000).catch((e) =>
			warn(`cleanup of ${what} failed: ${(e as Error).message}`)
		);
	};
}

/** Runs every registered cleanup, newest first (processes before the dirs they use). */
export async function cleanupAll(): Promise<void> {
	while (cleanups.length) {
		const entry = cleanups.pop() as Cleanup;
		if (process.env.BENCH_DEBUG) note(`cleanup: ${entry.what}`);
		await withTimeout(`cleanup: ${entry.what}`, Promise.resolve(entry.run()), 20_000).catch((e) =>
			warn(`cleanup of ${entry.what} failed: ${(e as Error).message}`)
		);
	}
}

export function withTimeout<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
	});
	return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- progress on stderr: one line rewritten in place on a terminal, a line every 2 s otherwise

let lastLineAt = 0;
let lineOpen = false;

export function progress(text: string): void {
	if (process.stderr.isTTY) {
		process.stderr.write(`\r\x1b[2K${text}`);
		lineOpen = true;
	} else if (Date.now() - lastLineAt >= 2000) {
		process.stderr.write(`${text}\n`);
		lastLineAt = Date.now();
	}
}

/** A line that stays (phase changes, warnings). */
export function note(text: string): void {
	if (lineOpen) process.stderr.write('\r\x1b[2K');
	lineOpen = false;
	lastLineAt = 0;
	process.stderr.write(`${text}\n`);
}

export const warn = (text: string) => note(`warning: ${text}`);

// --- statistics

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const fmtInt = (n: number) =>
	Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
export const fmtMs = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '—');

/** A plain text table: first row is the header, columns padded to their widest cell. */
export function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
	const line = (r: string[]) =>
		r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
		.join('\n')
		.concat('\n');
}
