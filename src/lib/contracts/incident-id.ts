/**
 * A field report's incident id is derived from its dedup key (sender, msgId), so a replay makes
 * the same id, and a publisher (the drill engine) knows the id of the incident its report creates.
 * Server and simulators only: kept out of ./index so that no browser bundle pulls in node:crypto.
 */
import { createHash } from 'node:crypto';

export function reportIncidentId(sender: string, msgId: string): string {
	return 'r-' + createHash('sha256').update(`${sender}\n${msgId}`).digest('hex').slice(0, 20);
}
