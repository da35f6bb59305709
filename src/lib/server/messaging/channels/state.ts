import type { Channel, ChannelHealth } from '../channel';

/**
 * A channel's health as its adapter last saw it: up after a success (a send, a poll, a bind),
 * down with the reason after a failure of the channel itself. A message the channel refused for
 * good (an invalid number, a blocked chat) says nothing about the channel and leaves it up.
 */
export class HealthState {
	private up = false;
	private error: string | null = 'not started';
	private lastOkAt: Date | null = null;

	ok(): void {
		this.up = true;
		this.error = null;
		this.lastOkAt = new Date();
	}

	down(reason: string): void {
		this.up = false;
		this.error = reason;
	}

	get(): ChannelHealth {
		return { up: this.up, error: this.error, lastOkAt: this.lastOkAt };
	}
}

/** Handlers given to `start()`; null before it, so a webhook that comes early is told to retry. */
export type Handlers = Parameters<Channel['start']>[0];
