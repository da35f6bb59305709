/**
 * The channels the configuration names, each made once: a channel whose address is unset is
 * absent from the map (the routing then sends its messages elsewhere, or writes them failed).
 */
import type { Logger } from '../../ops/log';
import type { Channel, ChannelName } from '../channel';
import type { ChannelConfig } from './config';
import { createEmail } from './email';
import { createSmpp } from './smpp';
import { createSmsGateway } from './sms-gateway';
import { createTelegram } from './telegram';

/** Where Telegram and the SMS gateway call us (the inbound route), under the app's ORIGIN. */
export const inboundPath = (channel: ChannelName) => `/api/v1/inbound/${channel}`;

export function createChannels(
	config: ChannelConfig & { ORIGIN?: string },
	log: Logger
): Map<ChannelName, Channel> {
	const channels = new Map<ChannelName, Channel>();
	const add = (c: Channel) => channels.set(c.name, c);
	const child = (channel: ChannelName) => log.child({ channel });
	if (config.SMS_GATEWAY_URL)
		add(
			createSmsGateway(
				{
					url: config.SMS_GATEWAY_URL,
					user: config.SMS_GATEWAY_USER,
					password: config.SMS_GATEWAY_PASSWORD,
					webhookKey: config.SMS_GATEWAY_WEBHOOK_KEY,
					ratePerSecond: config.SMS_GATEWAY_RATE
				},
				child('sms_gateway')
			)
		);
	if (config.SMPP_URL && config.SMPP_SOURCE_ADDR)
		add(
			createSmpp(
				{
					url: config.SMPP_URL,
					sourceAddr: config.SMPP_SOURCE_ADDR,
					ratePerSecond: config.SMPP_RATE
				},
				child('smpp')
			)
		);
	if (config.TELEGRAM_BOT_TOKEN)
		add(
			createTelegram(
				{
					token: config.TELEGRAM_BOT_TOKEN,
					apiUrl: config.TELEGRAM_API_URL,
					receive: config.TELEGRAM_RECEIVE,
					webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
					webhookUrl: config.ORIGIN
						? new URL(inboundPath('telegram'), config.ORIGIN).toString()
						: undefined,
					ratePerSecond: config.TELEGRAM_RATE
				},
				child('telegram')
			)
		);
	if (config.SMTP_URL && config.SMTP_FROM)
		add(
			createEmail(
				{ url: config.SMTP_URL, from: config.SMTP_FROM, ratePerSecond: config.SMTP_RATE },
				child('email')
			)
		);
	return channels;
}
