/** The words of a warning's messages in the screen's language (the warning page, the sitrep). */
import { m } from '$lib/paraglide/messages';

/** A channel's name in the screen's language (the protocol's own name given as a code). */
export function channelName(ch: string): string {
	const names: Record<string, () => string> = {
		sms_gateway: m.warnout_channel_gateway,
		smpp: () => m.warnout_channel_smpp({ protocol: 'SMPP' }),
		telegram: m.warnout_channel_telegram,
		email: m.warnout_channel_email
	};
	return (names[ch] ?? (() => ch))();
}

/** An outgoing message's status in the screen's language. */
export function outStatusName(s: string): string {
	const names: Record<string, () => string> = {
		queued: m.warnout_status_queued,
		sending: m.warnout_status_sending,
		sent: m.warnout_status_sent,
		delivered: m.warnout_status_delivered,
		failed: m.warnout_status_failed,
		unknown: m.warnout_status_unknown
	};
	return (names[s] ?? (() => s))();
}
