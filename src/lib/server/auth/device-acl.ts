import {
	matchMeshtasticTopic,
	matchOwnTracksTopic,
	matchTopic,
	TOPIC_TEMPLATES,
	topics,
	type ParseResult
} from '$lib/contracts';

/**
 * What a field-team device may do on the embedded broker (docs/deploy.md shows the same rules for
 * Mosquitto): publish its own team's position and status and its answer to its own team's
 * tasking (`tasking/ack`), incident reports in its team's name,
 * and the status of the resources its team operates (a vehicle tracker, a crew's tablet); read its
 * own team's taskings and refusals, and the taskings of its team's resources. Tasking is the EOC's to send, so a device
 * may not publish one, not even to its own team. Pure functions, used by the broker's door; which
 * team operates a resource comes from `teamOfResource` (broker/resource-teams.ts, a cache).
 *
 * Device adapters (docs/interop.md): an OwnTracks phone publishes under its own MQTT username,
 * `owntracks/{username}/{device}[/...]`, as the app does by default; a Meshtastic gateway relays
 * the packets of its whole mesh, so any device may publish `msh/{region}/2/json/{channel}/{gw}`.
 * Which team such a device's data moves is decided by the device registry, not by the credential.
 */

/** Why a device's publish is refused: the topic, or a payload that speaks for someone else. */
export type DeviceRefusal = { reason: 'topic' | 'sender'; detail: string };

/** The team that operates a real resource (its devices may report for it), or null. */
export type TeamOfResource = (resourceId: string) => string | null;
const NO_RESOURCES: TeamOfResource = () => null;

const OWN_TEAM_FAMILIES = new Set(['position', 'status', 'tasking_ack']);

/**
 * Null when a device of `teamId` may publish this message, else why not. `parsed` is the
 * message's validation: an invalid payload on an allowed topic is not refused here, it is
 * dead-lettered with its own reason like anyone's.
 */
export function devicePublishRefusal(
	topic: string,
	parsed: ParseResult,
	device: { username: string; teamId: string },
	teamOfResource: TeamOfResource = NO_RESOURCES
): DeviceRefusal | null {
	const match = matchTopic(topic);
	const who = `device ${device.username} of team ${device.teamId}`;
	if (match && OWN_TEAM_FAMILIES.has(match.family) && match.id === device.teamId) return null;
	if (match?.family === 'resource_status') {
		const team = teamOfResource(match.id);
		if (team === device.teamId) return null;
		return {
			reason: 'topic',
			detail: `${who} may not report for resource ${match.id}: ${
				team === null ? 'it is operated by no team' : `it is operated by team ${team}`
			}`
		};
	}
	if (matchOwnTracksTopic(topic)?.user === device.username) return null;
	if (matchMeshtasticTopic(topic)) return null;
	if (match?.family === 'incident_report') {
		if (!parsed.ok || parsed.message.family !== 'incident_report') return null;
		const reporter = parsed.message.body.reporter;
		if (reporter === device.teamId) return null;
		return { reason: 'sender', detail: `${who} may not report as "${reporter}"` };
	}
	return {
		reason: 'topic',
		detail:
			`${who} may publish only to ${topics.position(device.teamId)}, ` +
			`${topics.status(device.teamId)}, ${topics.taskingAck(device.teamId)}, ` +
			`${topics.incidentReport()}, ` +
			`${TOPIC_TEMPLATES.resource_status} of its team's resources, ` +
			`owntracks/${device.username}/{device} and msh/{region}/2/json/{channel}/{gateway}`
	};
}

/**
 * A device may subscribe to its own team's taskings and refusals (why the EOC dead-lettered what
 * it sent) and its team's resources' taskings, nothing else.
 */
export function deviceMaySubscribe(
	filter: string,
	teamId: string,
	teamOfResource: TeamOfResource = NO_RESOURCES
): boolean {
	if (filter === topics.tasking(teamId) || filter === topics.refused(teamId)) return true;
	const match = matchTopic(filter);
	return match?.family === 'resource_tasking' && teamOfResource(match.id) === teamId;
}

/** The dead-letter sender of a refused message: the device that sent it, not whom it claimed. */
export function deviceSender(username: string): string {
	return `device:${username}`;
}

/**
 * A client id that names a device credential: its username, alone or followed by `-`, `/`, `_`
 * or `:` and anything (`kulob-rescue-1.abcd2345`, `kulob-rescue-1.abcd2345/phone`). Usernames are
 * `{teamId}.{8 base32 characters}` and a team id holds no dot, so the name is never ambiguous.
 */
const DEVICE_CLIENT_ID = /^([A-Za-z0-9_-]{1,64}\.[a-z2-7]{8})(?:[-/_:].*)?$/;

/** Who a client id is reserved for, whoever asks: a device's username, the app, or nobody. */
export function clientIdOwner(
	clientId: string,
	internalPrefixes: readonly string[]
): { username: string } | 'internal' | null {
	const named = DEVICE_CLIENT_ID.exec(clientId);
	if (named) return { username: named[1] };
	if (internalPrefixes.some((p) => clientId === p || clientId.startsWith(`${p}-`)))
		return 'internal';
	return null;
}

/**
 * Why a connection may not use this client id (null: it may). With device credentials a client id
 * belongs to one credential, so no other can take over its session: its subscriptions come back
 * with the session unchecked, and its queued taskings with them. `holder` is the credential that
 * holds the id's session now (connected, or persistent and offline), if any.
 */
export function clientIdRefusal(
	clientId: string,
	who: { username: string } | 'internal',
	holder: string | undefined,
	internalPrefixes: readonly string[]
): string | null {
	const owner = clientIdOwner(clientId, internalPrefixes);
	const me = who === 'internal' ? 'internal' : who.username;
	if (owner === 'internal' && me !== 'internal') return `client id ${clientId} is the app's own`;
	if (owner && owner !== 'internal' && owner.username !== me)
		return `client id ${clientId} belongs to device ${owner.username}`;
	if (holder !== undefined && holder !== me)
		return `client id ${clientId} holds the session of another credential`;
	return null;
}
