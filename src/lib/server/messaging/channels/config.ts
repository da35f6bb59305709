/**
 * The channels' settings from the environment (merged into the app's configSchema,
 * app/config.ts). A channel whose address is unset is not configured: it does not exist.
 */
import { z } from 'zod';

const empty = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(t: T) => z.preprocess(empty, t.optional());

const urlOf = (name: string, protocols: string[], example: string) =>
	z
		.string()
		.trim()
		.refine((v) => {
			try {
				return protocols.includes(new URL(v).protocol);
			} catch {
				return false;
			}
		}, `${name} must be a URL like ${example}`);

const rate = (name: string, dflt: number) =>
	z.preprocess(
		empty,
		z.coerce
			.number({ message: `${name} must be a number of messages a second, like ${dflt}` })
			.positive(`${name} must be greater than 0 (messages a second)`)
			.max(1000, `${name} must be at most 1000 messages a second`)
			.default(dflt)
	);

const secret = (name: string) =>
	opt(z.string().min(8, `${name} must be at least 8 characters (a random secret)`));

export const channelFields = {
	SMS_GATEWAY_URL: opt(
		urlOf('SMS_GATEWAY_URL', ['http:', 'https:'], 'http://sms:password@192.168.1.20:8080')
	),
	SMS_GATEWAY_USER: opt(z.string()),
	SMS_GATEWAY_PASSWORD: opt(z.string()),
	SMS_GATEWAY_WEBHOOK_KEY: secret('SMS_GATEWAY_WEBHOOK_KEY'),
	SMS_GATEWAY_RATE: rate('SMS_GATEWAY_RATE', 1),
	SMPP_URL: opt(
		urlOf('SMPP_URL', ['smpp:', 'ssmpp:'], 'smpp://system_id:password@smsc.example.tj:2775').refine(
			(v) => new URL(v).username !== '',
			'SMPP_URL must carry the system_id (and password): smpp://system_id:password@host:2775'
		)
	),
	SMPP_SOURCE_ADDR: opt(
		z
			.string()
			.trim()
			.regex(
				/^(\+?\d{1,15}|[A-Za-z0-9 ]{1,11})$/,
				'SMPP_SOURCE_ADDR must be a number (up to 15 digits) or a name of up to 11 letters and digits'
			)
	),
	SMPP_PREFIXES: z.preprocess(
		empty,
		z
			.string()
			.transform((v) =>
				v
					.split(',')
					.map((p) => p.trim())
					.filter(Boolean)
			)
			.refine(
				(list) => list.every((p) => /^\+\d{1,14}$/.test(p)),
				'SMPP_PREFIXES must be a comma-separated list of E.164 prefixes like +99290,+99288'
			)
			.default([])
	),
	SMPP_RATE: rate('SMPP_RATE', 20),
	TELEGRAM_BOT_TOKEN: opt(
		z
			.string()
			.trim()
			.regex(
				/^\d+:[A-Za-z0-9_-]{20,}$/,
				'TELEGRAM_BOT_TOKEN must be the token @BotFather gave (123456:ABC…)'
			)
	),
	TELEGRAM_API_URL: z.preprocess(
		empty,
		urlOf('TELEGRAM_API_URL', ['http:', 'https:'], 'https://api.telegram.org').default(
			'https://api.telegram.org'
		)
	),
	TELEGRAM_RECEIVE: z.preprocess(
		empty,
		z
			.enum(['poll', 'webhook', 'off'], {
				message: 'TELEGRAM_RECEIVE must be poll, webhook or off'
			})
			.default('poll')
	),
	TELEGRAM_WEBHOOK_SECRET: opt(
		z
			.string()
			.regex(
				/^[A-Za-z0-9_-]{16,256}$/,
				'TELEGRAM_WEBHOOK_SECRET must be 16–256 letters, digits, _ or - (Telegram allows no others)'
			)
	),
	TELEGRAM_RATE: rate('TELEGRAM_RATE', 25),
	SMTP_URL: opt(urlOf('SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:password@mail.example.tj:587')),
	SMTP_FROM: opt(
		z
			.string()
			.trim()
			.regex(
				/^([^<>]*<)?[^@\s<>]+@[^@\s<>]+>?$/,
				'SMTP_FROM must be an address like "EOC Kulob <eoc@example.tj>"'
			)
	),
	SMTP_RATE: rate('SMTP_RATE', 10),
	// The outbox's retries (docs/messaging.md, "The outbox"): a message a channel keeps refusing
	// is tried this many times, the waits doubling from the base, then failed with the reason.
	OUTBOX_MAX_ATTEMPTS: z.preprocess(
		empty,
		z.coerce
			.number({ message: 'OUTBOX_MAX_ATTEMPTS must be a whole number of attempts, like 10' })
			.int('OUTBOX_MAX_ATTEMPTS must be a whole number of attempts, like 10')
			.min(1, 'OUTBOX_MAX_ATTEMPTS must be at least 1')
			.max(100, 'OUTBOX_MAX_ATTEMPTS must be at most 100')
			.default(10)
	),
	OUTBOX_RETRY_BASE_SECONDS: z.preprocess(
		empty,
		z.coerce
			.number({ message: 'OUTBOX_RETRY_BASE_SECONDS must be a number of seconds, like 2' })
			.min(0.1, 'OUTBOX_RETRY_BASE_SECONDS must be at least 0.1')
			.max(600, 'OUTBOX_RETRY_BASE_SECONDS must be at most 600')
			.default(2)
	)
};

/** The channels' part of the app's Config. */
export type ChannelConfig = z.infer<z.ZodObject<typeof channelFields>>;
type Fields = ChannelConfig;

/** Settings that need each other; each problem names the variable to set. */
export function channelIssues(c: Fields, ctx: z.RefinementCtx): void {
	const need = (when: boolean, path: keyof Fields, message: string) => {
		if (when && c[path] === undefined) ctx.addIssue({ code: 'custom', path: [path], message });
	};
	need(
		!!c.SMTP_URL,
		'SMTP_FROM',
		'SMTP_FROM must be set with SMTP_URL (the From address of the emails)'
	);
	need(
		!!c.SMPP_URL,
		'SMPP_SOURCE_ADDR',
		'SMPP_SOURCE_ADDR must be set with SMPP_URL (the sender phones show)'
	);
	need(
		!!c.TELEGRAM_BOT_TOKEN && c.TELEGRAM_RECEIVE === 'webhook',
		'TELEGRAM_WEBHOOK_SECRET',
		'TELEGRAM_WEBHOOK_SECRET must be set with TELEGRAM_RECEIVE=webhook (it proves a call comes from Telegram)'
	);
}
