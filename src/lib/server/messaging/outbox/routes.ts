/**
 * Which channel carries a message to a contact's address. SMS goes through SMPP for the numbers
 * of the operator whose SMSC the EOC is bound to (SMPP_PREFIXES), and through the HTTP gateway
 * for the rest; with only one SMS channel configured, it carries every number.
 */
import type { Contact } from '../../db/schema';
import type { ChannelName } from '../channel';

export interface Routing {
	configured: ReadonlySet<ChannelName>;
	/** E.164 prefixes served by the SMPP link, e.g. ["+99290", "+99288"]; empty: all. */
	smppPrefixes: readonly string[];
}

/** A route; `failed` when no configured channel carries it (the row is written failed, counted). */
export type Route = { channel: ChannelName; address: string; failed?: string };

export function smsRoute(phone: string, r: Routing): Route {
	const smpp = r.configured.has('smpp');
	const gateway = r.configured.has('sms_gateway');
	const prefixed = r.smppPrefixes.length === 0 || r.smppPrefixes.some((p) => phone.startsWith(p));
	if (smpp && (prefixed || !gateway)) return { channel: 'smpp', address: phone };
	if (gateway) return { channel: 'sms_gateway', address: phone };
	return { channel: 'sms_gateway', address: phone, failed: 'no SMS channel is configured' };
}

/** Every address of the contact, each with its channel (or why none carries it). */
export function contactRoutes(c: Pick<Contact, 'phone' | 'telegramChatId' | 'email'>, r: Routing) {
	const routes: Route[] = [];
	if (c.phone) routes.push(smsRoute(c.phone, r));
	if (c.telegramChatId)
		routes.push(
			r.configured.has('telegram')
				? { channel: 'telegram', address: c.telegramChatId }
				: {
						channel: 'telegram',
						address: c.telegramChatId,
						failed: 'Telegram is not configured'
					}
		);
	if (c.email)
		routes.push(
			r.configured.has('email')
				? { channel: 'email', address: c.email }
				: { channel: 'email', address: c.email, failed: 'email is not configured' }
		);
	return routes;
}
