/** A response time as a clock reads it, the same in every language: "0:45", "12:05", "1:02:05". */
export function formatDuration(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	const h = Math.floor(s / 3600);
	const mm = Math.floor((s % 3600) / 60);
	const ss = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Scenario time as T+h:mm:ss from the scenario's start. */
export function formatScenarioTime(sec: number): string {
	return `T+${formatDuration(sec * 1000)}`;
}
