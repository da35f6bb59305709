import { describe, expect, it } from 'vitest';
import type { Services } from '../../app/services';
import { channelStates } from '../../ops/health';
import { registry } from '../../ops/metrics';
import type { Channel, ChannelHealth } from '../channel';

const fake = (name: string, h: ChannelHealth) => ({ name, health: () => h }) as unknown as Channel;

describe('channel health in /api/health/ready and /metrics', () => {
	it('reports each channel up or down, the reason only when detailed, and sets eocwall_channel_up', async () => {
		const at = new Date('2026-12-08T00:00:00Z');
		const s = {
			messaging: {
				channels: new Map([
					['smpp', fake('smpp', { up: true, error: null, lastOkAt: at })],
					['telegram', fake('telegram', { up: false, error: 'connection refused', lastOkAt: null })]
				])
			}
		} as unknown as Services;
		expect(channelStates(s, true)).toEqual({
			smpp: { state: 'up', lastOkAt: at.toISOString(), error: null },
			telegram: { state: 'down', lastOkAt: null, error: 'connection refused' }
		});
		expect(channelStates(s, false).telegram).toEqual({ state: 'down', lastOkAt: null });
		const text = await registry.metrics();
		expect(text).toContain('eocwall_channel_up{channel="smpp"} 1');
		expect(text).toContain('eocwall_channel_up{channel="telegram"} 0');
	});

	it('messaging not started: no channels, no gauges left from before', async () => {
		expect(channelStates({ messaging: null } as unknown as Services, true)).toEqual({});
		expect(await registry.metrics()).not.toContain('eocwall_channel_up{');
	});
});
