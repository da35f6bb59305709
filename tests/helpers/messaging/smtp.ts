import type { Server } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Faults, Listener } from './faults';

/**
 * An SMTP server on loopback (the smtp-server package) that keeps every message: envelope,
 * Message-ID, subject and text part decoded (base64 or quoted-printable, UTF-8), so a test reads
 * the Cyrillic that was sent. It can refuse the next messages with an SMTP code (4xx: try later,
 * 5xx: for good) or stop listening.
 */
export interface Mail {
	from: string;
	to: string[];
	messageId: string | null;
	subject: string | null;
	text: string;
	raw: string;
}

export interface SmtpTestServer {
	/** smtp://user:password@127.0.0.1:port (SMTP_URL) */
	url: string;
	messages: Mail[];
	/** The next `times` messages are refused at DATA with `code` (e.g. 451, 550). */
	failNext(times: number, code: number): void;
	refuse(): Promise<void>;
	accept(): Promise<void>;
	stop(): Promise<void>;
}

export async function startSmtp(): Promise<SmtpTestServer> {
	const messages: Mail[] = [];
	const faults = new Faults<number>();
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, cb) {
			if (auth.username === 'eoc' && auth.password === 'mailpass') cb(null, { user: 'eoc' });
			else cb(new Error('Invalid username or password'));
		},
		onData(stream, session, cb) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const fault = faults.take();
				if (fault) {
					const err = new Error(`injected ${fault.error}`) as Error & { responseCode: number };
					err.responseCode = fault.error;
					return cb(err);
				}
				const raw = Buffer.concat(chunks).toString('utf8');
				messages.push({
					...parseMail(raw),
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw
				});
				cb();
			});
		}
	});
	const net = (smtp as unknown as { server: Server }).server;
	const listener = new Listener(net);
	const port = await listener.listen();
	return {
		url: `smtp://eoc:mailpass@127.0.0.1:${port}`,
		messages,
		failNext: (times, code) => faults.failNext(times, code),
		refuse: () => listener.refuse(),
		accept: () => listener.accept(),
		stop: () => listener.close()
	};
}

/** Headers (unfolded) and the text of a single-part message, as nodemailer writes one. */
export function parseMail(raw: string): Pick<Mail, 'messageId' | 'subject' | 'text'> {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	let body = raw.slice(split + 4);
	const header = (name: string) =>
		new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
	const cte = (header('Content-Transfer-Encoding') ?? '7bit').toLowerCase();
	if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	else if (cte === 'quoted-printable') body = quotedPrintable(body);
	const subject = header('Subject');
	return {
		messageId: header('Message-ID'),
		subject: subject === null ? null : encodedWords(subject),
		text: body.replace(/\r\n$/, '')
	};
}

function quotedPrintable(s: string): string {
	const bytes: number[] = [];
	const soft = s.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i], 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in a header. */
function encodedWords(s: string): string {
	return s
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
			enc.toLowerCase() === 'b'
				? Buffer.from(text, 'base64').toString('utf8')
				: quotedPrintable(text.replace(/_/g, ' '))
		);
}
