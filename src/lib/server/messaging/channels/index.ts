// Placeholder until the channel adapters (branch h17-channels) are merged: no channel configured.
import type { Config } from '../../app/config';
import type { Logger } from '../../ops/log';
import type { Channel, ChannelName } from '../channel';

export function createChannels(_config: Config, _log: Logger): Map<ChannelName, Channel> {
	return new Map();
}
