import pino from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const wanted = process.env.LOG_LEVEL ?? '';

/**
 * Structured JSON logs (pino): one line per event, machine-readable, cheap on the hot path.
 * A bad LOG_LEVEL must not crash the import: it falls back to info, and the configuration check
 * then reports it with the other bad values.
 */
export const log = pino({
	level: (LOG_LEVELS as readonly string[]).includes(wanted) ? wanted : 'info',
	base: { app: 'eocwall' },
	timestamp: pino.stdTimeFunctions.isoTime
});

export type Logger = typeof log;
