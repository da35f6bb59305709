/**
 * What every device adapter (OwnTracks, Meshtastic) turns a message into: one event of one device,
 * in eocwall's units (degrees, metres, m/s, degrees from north, percent). The device registry maps
 * the device to a team; the ingest places the event on that team, or keeps it for the queue.
 */
import type { FieldReport } from './field-report';

export const ADAPTER_FAMILIES = ['owntracks', 'meshtastic'] as const;
export type AdapterFamily = (typeof ADAPTER_FAMILIES)[number];

/** The kinds of device the registry maps (TAK uids are mapped by hand; no TAK adapter here). */
export const DEVICE_KINDS = ['owntracks', 'meshtastic', 'tak'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * Reasons only adapters give, besides the shared ones (too_large, not_json, schema, ...):
 * `unsupported`: a well-formed message of a kind eocwall does not take (an OwnTracks waypoint,
 * a Meshtastic traceroute, an encrypted packet); `no_fix`: a Meshtastic position without a fix.
 */
export type AdapterRejectReason = 'unsupported' | 'no_fix';

export const DEVICE_EVENT_KINDS = [
	'position',
	'telemetry',
	'text',
	'names',
	'offline',
	'transition'
] as const;
export type DeviceEventKind = (typeof DEVICE_EVENT_KINDS)[number];

export interface DeviceFix {
	lat: number;
	lon: number;
	accuracyM?: number;
	altitudeM?: number;
	speedMps?: number;
	headingDeg?: number;
}

export interface DeviceEvent {
	/** `owntracks:{user}/{device}` or `meshtastic:!{8 hex digits}`: the registry's key. */
	deviceId: string;
	kind: DeviceEventKind;
	/** A location fix (a position, or the place of a transition). */
	fix?: DeviceFix;
	batteryPct?: number;
	voltage?: number;
	/** Long name (OwnTracks card, Meshtastic nodeinfo) and short name (tid, shortname). */
	name?: string;
	shortName?: string;
	/** A text message, or a transition's region. */
	text?: string;
	/** Meshtastic: the addressee of a text, null for the broadcast address. */
	to?: string | null;
	/** OwnTracks transition: entering or leaving a region. */
	transition?: 'enter' | 'leave';
	/** A text that parsed as a field report, or why a text meant as one did not. */
	report?: FieldReport;
	reportProblem?: string;
	/** A call for help (a Meshtastic text starting with `SOS`, adapters/sos.ts): a mapped device
	 * raises its team's emergency, as a status with `emergency: true` does. */
	emergency?: true;
}

/** A device id kept within what ids elsewhere allow: kind, colon, at most 140 characters. */
export function deviceKey(kind: DeviceKind, ident: string): string {
	return `${kind}:${ident}`;
}

/** Ordered, non-cryptographic fingerprint (FNV-1a 32) of a string: cheap, pure, same everywhere. */
export function fnv1a(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}
