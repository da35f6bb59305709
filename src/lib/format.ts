/** Formatting shared by the wall's boards and map labels. Pure; no locale surprises. */

/** An age split into a unit and numbers, so each language can word it (src/lib/i18n/words.ts). */
export type AgeParts =
	| { unit: 'none' }
	| { unit: 'now' }
	| { unit: 's' | 'min' | 'd'; n: number }
	| { unit: 'h'; n: number; mm: string };

export function ageParts(ms: number): AgeParts {
	if (!Number.isFinite(ms)) return { unit: 'none' };
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 10) return { unit: 'now' };
	if (s < 60) return { unit: 's', n: s };
	const min = Math.floor(s / 60);
	if (min < 60) return { unit: 'min', n: min };
	const h = Math.floor(min / 60);
	if (h < 48) return { unit: 'h', n: h, mm: String(min % 60).padStart(2, '0') };
	return { unit: 'd', n: Math.floor(h / 24) };
}

/** Milliseconds since the epoch, or null when absent or unparseable. */
export function parseTs(ts: string | null | undefined): number | null {
	if (!ts) return null;
	const t = Date.parse(ts);
	return Number.isNaN(t) ? null : t;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "14:32" or "14:32:05" in a time zone (Asia/Dushanbe, UTC), 24-hour. */
export function formatClock(at: number | Date, timeZone: string, seconds = false): string {
	const key = `${timeZone}|${seconds}`;
	let f = clocks.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit',
			second: seconds ? '2-digit' : undefined,
			hourCycle: 'h23'
		});
		clocks.set(key, f);
	}
	return f.format(at);
}

/** "14:32 (09:32 UTC)": a time of day in Dushanbe with UTC beside it. */
export function formatClockPair(at: number | Date): string {
	return `${formatClock(at, 'Asia/Dushanbe')} (${formatClock(at, 'UTC')} UTC)`;
}

/** "37.9123, 69.7811" */
export function formatLatLon(lat: number, lon: number): string {
	return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
}

/**
 * Compares callsigns and names as people read them ("T-2" before "T-10"). One shared collator:
 * `localeCompare` with options builds a new one per call, which made sorting 10,000 teams take
 * hundreds of milliseconds on every live update.
 */
export const compareText = new Intl.Collator('en', { numeric: true }).compare;

/** By id, in code-unit order: the last tie-break of the boards' orders. */
export const byId = (a: { id: string }, b: { id: string }) =>
	a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const dates = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Dushanbe',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/**
 * A moment for a table or a report: the date and time in Dushanbe with UTC beside it,
 * "2026-11-30 19:32 (14:32 UTC)".
 */
export function formatDateTime(at: number | Date): string {
	return `${dates.format(at)} ${formatClock(at, 'Asia/Dushanbe')} (${formatClock(at, 'UTC')} UTC)`;
}
