import type { ParsedMessage } from '$lib/contracts';
import { deviceSender } from '../auth/device-acl';
import type { Queryable } from '../db/types';

/** The credential a message came in with, at the embedded broker's door (device auth on). */
export interface Relayer {
	username: string;
	teamId: string;
}

/** A Meshtastic message a gateway device may not relay, with why. */
export interface RelayRefusal {
	index: number;
	detail: string;
	sender: string;
	msgId: string;
}

/**
 * A Meshtastic gateway relays its whole mesh, so its topic says nothing of whose nodes it speaks
 * for. A credentialed device may relay a node mapped to its own team, or one not mapped yet (it
 * waits in the registry's queue and moves no team until an operator maps it); a node mapped to
 * another team is that team's: its traffic through this device is refused.
 */
export async function relayRefusals(
	tx: Queryable,
	items: readonly { relayer?: Relayer }[],
	valid: readonly { index: number; message: ParsedMessage }[]
): Promise<RelayRefusal[]> {
	const relayed = valid.flatMap(({ index, message: m }) => {
		const relayer = items[index].relayer;
		return relayer && m.family === 'meshtastic'
			? [{ index, relayer, node: m.body.deviceId, msgId: m.msgId }]
			: [];
	});
	if (relayed.length === 0) return [];
	const rows = await tx.query<{ id: string; team_id: string }>(
		`select id, team_id from device where id = any($1::text[]) and team_id is not null`,
		[[...new Set(relayed.map((r) => r.node))]]
	);
	const teamOf = new Map(rows.map((r) => [r.id, r.team_id]));
	return relayed.flatMap(({ index, relayer, node, msgId }) => {
		const team = teamOf.get(node);
		if (team === undefined || team === relayer.teamId) return [];
		return [
			{
				index,
				msgId,
				sender: deviceSender(relayer.username),
				detail:
					`device ${relayer.username} of team ${relayer.teamId} may not relay Meshtastic ` +
					`node ${node}: it is mapped to team ${team}`
			}
		];
	});
}
