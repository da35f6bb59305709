/**
 * Email over SMTP (nodemailer). The Message-ID comes from the outbox key, so a message sent again
 * after a lost answer carries the same id and a mail client shows it once.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../../ops/log';
import type { Channel, Outgoing, SendResult } from '../channel';
import { HealthState } from './state';

export interface EmailOptions {
	/** smtp://user:password@host:587 or smtps://…:465 */
	url: string;
	/** The From header: "EOC Kulob <eoc@example.tj>". */
	from: string;
	ratePerSecond: number;
}

const TIMEOUT_MS = 15_000;

/** <hash-of-key@domain-of-from>: the same for every attempt of one outbox row. */
export function messageId(key: string, from: string): string {
	const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'eocwall.invalid';
	return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/** A subject for a message that came without one: its first line, shortened. */
function subjectOf(msg: Outgoing): string {
	if (msg.subject) return msg.subject;
	const line = msg.body.split('\n', 1)[0].trim();
	return line.length > 78 ? line.slice(0, 77) + '…' : line;
}

interface SmtpError extends Error {
	code?: string;
	responseCode?: number;
	response?: string;
}

export function createEmail(o: EmailOptions, log: Logger): Channel {
	const transport = nodemailer.createTransport(
		{
			url: o.url,
			connectionTimeout: TIMEOUT_MS,
			greetingTimeout: TIMEOUT_MS,
			socketTimeout: TIMEOUT_MS
		},
		{ from: o.from }
	);
	const health = new HealthState();

	const result = (e: SmtpError): Extract<SendResult, { ok: false }> => {
		const reason = `SMTP: ${e.response ?? e.message}${e.code ? ` (${e.code})` : ''}`;
		// A wrong password is the EOC's configuration: kept for when it is fixed.
		if (e.code === 'EAUTH') {
			health.down(reason);
			return { ok: false, retry: true, reason };
		}
		// 5xx: the server refuses this message or address for good (RFC 5321); 4xx: later.
		if (e.responseCode && e.responseCode >= 500) {
			health.ok();
			return { ok: false, retry: false, reason };
		}
		health.down(reason);
		return { ok: false, retry: true, reason };
	};

	return {
		name: 'email',
		ratePerSecond: o.ratePerSecond,
		// A mail sent again carries the same Message-ID: the same message to the recipient.
		resendIsSame: true,

		async send(msg: Outgoing): Promise<SendResult> {
			if (!/^[^@\s]+@[^@\s]+$/.test(msg.address))
				return { ok: false, retry: false, reason: `not an email address: ${msg.address}` };
			try {
				const info = await transport.sendMail({
					to: msg.address,
					subject: subjectOf(msg),
					text: msg.body,
					messageId: messageId(msg.key, o.from)
				});
				health.ok();
				return { ok: true, externalId: info.messageId };
			} catch (e) {
				return result(e as SmtpError);
			}
		},

		health: () => health.get(),

		/** Email only sends here; the start checks that the server answers and takes the login. */
		async start() {
			try {
				await transport.verify();
				health.ok();
			} catch (e) {
				const reason = result(e as SmtpError).reason;
				health.down(reason);
				log.warn({ reason }, 'SMTP server not reachable at start');
			}
		},

		async stop() {
			transport.close();
		}
	};
}
