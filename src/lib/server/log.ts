import pino from 'pino';

/** Structured JSON logs (pino): one line per event, machine-readable, cheap on the hot path. */
export const log = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { app: 'eocwall' },
	timestamp: pino.stdTimeFunctions.isoTime
});

export type Logger = typeof log;
