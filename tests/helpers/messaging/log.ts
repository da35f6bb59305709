import { createLogger } from '../../../src/lib/server/ops/log';

/** A logger whose lines a test can read (the app's logger, writing to an array). */
export function memoryLog() {
	const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
	const log = createLogger({ write: (s: string) => void lines.push(JSON.parse(s)) });
	return { log, lines };
}
