/**
 * The app's messaging while it runs: the configured channels, how a contact's addresses are
 * routed to them, and the outbox's sender. Started by app/services.ts; null there when it has
 * not started.
 */
import type { Channel, ChannelName } from './channel';
import type { Routing } from './outbox/routes';

export interface Messaging {
	channels: ReadonlyMap<ChannelName, Channel>;
	routing: Routing;
	/** Wakes the sender at once (after a commit that queued messages) instead of at its next poll. */
	poke(): void;
	/** The outbox's rows by channel and status, as last counted (every 5 s; no query). */
	outboxCounts?(): Record<string, Record<string, number>>;
	stop(): Promise<void>;
}
