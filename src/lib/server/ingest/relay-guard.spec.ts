import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '$lib/contracts';
import type { Queryable } from '../db/types';
import { relayRefusals } from './relay-guard';

/** The device registry as the query sees it: node → team, mapped nodes only. */
const registry: Queryable = {
	query: async <T>(_sql: string, params: unknown[] = []) =>
		((params[0] as string[]) ?? [])
			.flatMap((id) => (id === 'meshtastic:!b' ? [{ id, team_id: 'team-b' }] : []))
			.concat(
				((params[0] as string[]) ?? []).includes('meshtastic:!a')
					? [{ id: 'meshtastic:!a', team_id: 'team-a' }]
					: []
			) as T[],
	copyIn: async () => {}
};

const mesh = (node: string, msgId: string) =>
	({ family: 'meshtastic', msgId, body: { deviceId: `meshtastic:${node}` } }) as ParsedMessage;
const gateway = { username: 'team-a.abcd2345', teamId: 'team-a' };

describe('relayRefusals', () => {
	it("refuses a node mapped to another team; takes its own team's and unmapped nodes", async () => {
		const items = [{ relayer: gateway }, { relayer: gateway }, { relayer: gateway }, {}];
		const valid = [
			{ index: 0, message: mesh('!a', 'm0') },
			{ index: 1, message: mesh('!b', 'm1') },
			{ index: 2, message: mesh('!new', 'm2') },
			{ index: 3, message: mesh('!b', 'm3') } // no credential: auth off, or the app's own
		];
		expect(await relayRefusals(registry, items, valid)).toEqual([
			{
				index: 1,
				msgId: 'm1',
				sender: 'device:team-a.abcd2345',
				detail:
					'device team-a.abcd2345 of team team-a may not relay Meshtastic node ' +
					'meshtastic:!b: it is mapped to team team-b'
			}
		]);
	});
});
