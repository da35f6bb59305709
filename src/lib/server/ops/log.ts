import pino from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const wanted = process.env.LOG_LEVEL ?? '';

/** A URL's password never goes to the logs, even in a URL too broken to parse. */
export function hidePassword(value: string): string {
	return value.replace(/(\/\/[^:/@\s]*:)[^\s/]*@/g, '$1***@');
}

/**
 * Fields that hold a secret wherever they appear (one level deep too): replaced, not logged.
 * URL fields keep their host and lose only the password.
 */
const SECRET_KEYS = ['password', 'token', 'secret', 'authorization', 'cookie', 'otp'];
const URL_KEYS = ['url', 'mqttUrl', 'DATABASE_URL', 'MQTT_URL'];
export const REDACT_PATHS = [...SECRET_KEYS, ...URL_KEYS].flatMap((k) => [k, `*.${k}`]);

/**
 * Structured JSON logs (pino): one line per event, machine-readable, cheap on the hot path.
 * A bad LOG_LEVEL must not crash the import: it falls back to info, and the configuration check
 * then reports it with the other bad values. Errors go under `err` with their stack (pino's
 * serializer). No secret in a line: secret fields are redacted, and every string field and
 * message loses a URL's password.
 */
export function createLogger(destination?: pino.DestinationStream) {
	return pino(
		{
			level: (LOG_LEVELS as readonly string[]).includes(wanted) ? wanted : 'info',
			base: { app: 'eocwall' },
			timestamp: pino.stdTimeFunctions.isoTime,
			redact: {
				paths: REDACT_PATHS,
				censor: (value, path) =>
					URL_KEYS.includes(path.at(-1) ?? '') && typeof value === 'string'
						? hidePassword(value)
						: '[redacted]'
			},
			formatters: {
				log: (obj) =>
					Object.fromEntries(
						Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? hidePassword(v) : v])
					)
			},
			hooks: {
				logMethod(args, method) {
					method.apply(
						this,
						args.map((a) => (typeof a === 'string' ? hidePassword(a) : a)) as Parameters<
							typeof method
						>
					);
				}
			}
		},
		destination
	);
}

export const log = createLogger();

export type Logger = typeof log;
