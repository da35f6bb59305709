import { createServer } from 'node:http';
import { startGateway, type GatewayServer } from './gateway';
import { readBody } from './http';
import { startSmpp, type SmppTestServer } from './smpp';
import { startSmtp, type SmtpTestServer } from './smtp';
import { startTelegram, type TelegramServer } from './telegram';

export type { GatewayMessage, GatewayServer, Signing } from './gateway';
export type { SmppMessage, SmppSegment, SmppTestServer } from './smpp';
export type { Mail, SmtpTestServer } from './smtp';
export type { TelegramSent, TelegramServer } from './telegram';
export { startGateway, startSmpp, startSmtp, startTelegram };

/**
 * The four services the messaging channels speak to, real protocol servers on loopback (the real
 * ones cannot be reached from a test): the Android SMS gateway's HTTP API, an SMSC over SMPP, the
 * Telegram Bot API and SMTP. `env` configures the app for all four (merge it into the app's env).
 */
export interface MessagingServers {
	gateway: GatewayServer;
	smpp: SmppTestServer;
	telegram: TelegramServer;
	smtp: SmtpTestServer;
	env: Record<string, string>;
	stop(): Promise<void>;
}

export async function startMessagingServers(): Promise<MessagingServers> {
	const [gateway, smpp, telegram, smtp] = await Promise.all([
		startGateway(),
		startSmpp(),
		startTelegram(),
		startSmtp()
	]);
	return {
		gateway,
		smpp,
		telegram,
		smtp,
		env: {
			SMS_GATEWAY_URL: gateway.url,
			SMS_GATEWAY_WEBHOOK_KEY: gateway.webhookKey,
			SMPP_URL: smpp.url,
			SMPP_SOURCE_ADDR: 'EOC',
			TELEGRAM_BOT_TOKEN: telegram.token,
			TELEGRAM_API_URL: telegram.url,
			TELEGRAM_RECEIVE: 'poll',
			SMTP_URL: smtp.url,
			SMTP_FROM: 'EOC Kulob <eoc@example.tj>'
		},
		async stop() {
			await Promise.all([gateway.stop(), smpp.stop(), telegram.stop(), smtp.stop()]);
		}
	};
}

/**
 * An HTTP endpoint that hands each POST to `handle` as the inbound route does (headers, raw
 * body): for a test of a channel's webhook without the app. Register `url` with the gateway
 * (POST /webhooks) or Telegram (setWebhook).
 */
export async function webhookReceiver(
	handle: (req: { headers: Headers; body: string }) => Promise<{ status: number; body?: string }>
): Promise<{ url: string; stop(): Promise<void> }> {
	const server = createServer((req, res) => {
		void (async () => {
			const headers = new Headers();
			for (const [k, v] of Object.entries(req.headers))
				if (typeof v === 'string') headers.set(k, v);
			const out = await handle({ headers, body: await readBody(req) });
			res.writeHead(out.status).end(out.body ?? '');
		})().catch((e) => res.writeHead(500).end(String(e)));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : 0;
	return {
		url: `http://127.0.0.1:${port}/`,
		stop: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			})
	};
}
export { memoryLog } from './log';
