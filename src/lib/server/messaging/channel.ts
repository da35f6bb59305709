/**
 * The one interface every outgoing and incoming channel speaks (SMS through an HTTP gateway, SMS
 * through SMPP, Telegram, email). The outbox's sender (outbox/sender.ts) knows only this; each
 * adapter (channels/*.ts) is small and is tested against a real server of its protocol on
 * loopback. Configured by environment variables (channels/config.ts); a channel that is not
 * configured does not exist.
 */

export const CHANNELS = ['sms_gateway', 'smpp', 'telegram', 'email'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** One message to one address, as the sender hands it to an adapter. */
export interface Outgoing {
	/** The outbox row's idempotency key: carried in the protocol's own slot where it has one. */
	key: string;
	/** E.164 number, Telegram chat id, or email address. */
	address: string;
	/** Email only. */
	subject?: string | null;
	body: string;
}

/**
 * What one attempt came to. `retry: false` means the channel refused this message for good (a
 * number it does not serve, a chat that blocked the bot): no retry helps. `retryAfterMs` is the
 * channel's own hint (HTTP 429 Retry-After, SMPP throttling).
 */
export type SendResult =
	| { ok: true; externalId?: string | null }
	| { ok: false; retry: boolean; reason: string; retryAfterMs?: number };

/** Whether a message the app may have handed over before it stopped did reach the channel. */
export type Lookup = 'sent' | 'not_sent' | 'unknown';

/** A message that came in, as an adapter hands it to the inbound handler. */
export interface Incoming {
	channel: ChannelName;
	/** The channel's id of the message: a second delivery of it is recognised. */
	externalId: string;
	/** The sender's E.164 number or Telegram chat id. */
	address: string;
	text: string;
	receivedAt: Date;
}

/** A delivery report (where the channel gives them): the outbox row it is for, by external id. */
export interface DeliveryReport {
	channel: ChannelName;
	externalId: string;
	delivered: boolean;
	reason?: string;
	at: Date;
}

export interface ChannelHealth {
	up: boolean;
	/** Why it is down (the last error), or null. */
	error: string | null;
	/** When it last succeeded (a send, a poll, a bind). */
	lastOkAt: Date | null;
}

export interface Channel {
	readonly name: ChannelName;
	/** Messages a second the channel may be given (the configured rate limit). */
	readonly ratePerSecond: number;
	/**
	 * Sends one message; never throws (a failure is a SendResult). A channel that says
	 * `marksHandOver` calls `handOver` just before its last irrevocable write (SMPP: the last
	 * segment; Telegram: the request), and stops with a retry when it answers false (this instance
	 * lost the row). Until then a crash leaves the message certainly unsent, not in doubt. For
	 * other channels the outbox marks the hand-over itself, before calling send.
	 */
	send(msg: Outgoing, handOver?: () => Promise<boolean>): Promise<SendResult>;
	readonly marksHandOver?: boolean;
	/**
	 * After a restart, for a message that was being sent: did the channel get it? Only a channel
	 * whose protocol can be asked implements this (the gateway, by the message's id); for the
	 * others the outbox marks the message `unknown` for an operator, unless `resendIsSame`.
	 */
	lookup?(key: string): Promise<Lookup>;
	/**
	 * A second send of the same key is the same message to the recipient (email: the Message-ID
	 * comes from the key, and mail systems keep one message per Message-ID). After a restart such
	 * a channel's messages in doubt are simply sent again.
	 */
	readonly resendIsSame?: boolean;
	health(): ChannelHealth;
	/** Starts receiving (long polling, a bind) where the channel receives; idempotent. */
	start(handlers: {
		incoming(m: Incoming): Promise<void>;
		delivered(r: DeliveryReport): Promise<void>;
	}): Promise<void>;
	stop(): Promise<void>;
	/**
	 * A channel that receives by HTTP webhook (the SMS gateway, Telegram in webhook mode): the
	 * request as it came to /api/v1/inbound/{channel}; checks the request's signature or secret.
	 */
	webhook?(req: { headers: Headers; body: string }): Promise<{ status: number; body?: string }>;
}
