import {
	matchMeshtasticTopic,
	matchOwnTracksTopic,
	matchTopic,
	topics,
	type ParseResult
} from '$lib/contracts';

/**
 * What a field-team device may do on the embedded broker (docs/deploy.md shows the same rules for
 * Mosquitto): publish its own team's position and status, and incident reports in its team's
 * name; read its own team's taskings. Tasking is the EOC's to send, so a device may not publish
 * one, not even to its own team. Pure functions, used by the broker's door.
 *
 * Device adapters (docs/interop.md): an OwnTracks phone publishes under its own MQTT username,
 * `owntracks/{username}/{device}[/...]`, as the app does by default; a Meshtastic gateway relays
 * the packets of its whole mesh, so any device may publish `msh/{region}/2/json/{channel}/{gw}`.
 * Which team such a device's data moves is decided by the device registry, not by the credential.
 */

/** Why a device's publish is refused: the topic, or a payload that speaks for someone else. */
export type DeviceRefusal = { reason: 'topic' | 'sender'; detail: string };

const OWN_TEAM_FAMILIES = new Set(['position', 'status']);

/**
 * Null when a device of `teamId` may publish this message, else why not. `parsed` is the
 * message's validation: an invalid payload on an allowed topic is not refused here, it is
 * dead-lettered with its own reason like anyone's.
 */
export function devicePublishRefusal(
	topic: string,
	parsed: ParseResult,
	device: { username: string; teamId: string }
): DeviceRefusal | null {
	const match = matchTopic(topic);
	const who = `device ${device.username} of team ${device.teamId}`;
	if (match && OWN_TEAM_FAMILIES.has(match.family) && match.id === device.teamId) return null;
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
			`${topics.status(device.teamId)}, ${topics.incidentReport()}, ` +
			`owntracks/${device.username}/{device} and msh/{region}/2/json/{channel}/{gateway}`
	};
}

/** A device may subscribe to its own team's taskings, and to nothing else. */
export function deviceMaySubscribe(filter: string, teamId: string): boolean {
	return filter === topics.tasking(teamId);
}

/** The dead-letter sender of a refused message: the device that sent it, not whom it claimed. */
export function deviceSender(username: string): string {
	return `device:${username}`;
}
