import pino from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const wanted = process.env.LOG_LEVEL ?? '';

/**
 * Structured JSON logs (pino): one line per event, machine-readable, cheap on the hot path.
 * A bad LOG_LEVEL must not crash the import: it falls back to info, and the configuration check
 * then reports it with the other bad values.
 */
export const log = pino({
	level: LEVELS.includes(wanted) ? wanted : 'info',
	base: { app: 'eocwall' },
	timestamp: pino.stdTimeFunctions.isoTime
});

export type Logger = typeof log;
