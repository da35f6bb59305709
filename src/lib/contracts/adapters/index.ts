/**
 * Device adapters: formats other than eocwall's own, each on its own topics with its own
 * validator (docs/interop.md). The dispatcher in `../parse.ts` hands a topic here first.
 */
import { INGEST_FILTER } from '../topics';
import { MESHTASTIC_FILTER, parseMeshtastic } from './meshtastic';
import { OWNTRACKS_FILTER, parseOwnTracks } from './owntracks';
import type { AdapterResult } from './read';

export * from './device';
export * from './field-report';
export * from './meshtastic';
export * from './owntracks';
export * from './sos';
export type { AdapterMessage, AdapterReason, AdapterResult } from './read';

/** What the ingest subscribes to besides `eoc/v1/#`. */
export const ADAPTER_FILTERS = [OWNTRACKS_FILTER, MESHTASTIC_FILTER] as const;
/** Every subscription of the ingest: the v1 topics and the adapters'. */
export const INGEST_FILTERS = [INGEST_FILTER, ...ADAPTER_FILTERS];

/** Topic prefixes the adapters own: anything under them is theirs, taken or dead-lettered. */
const ADAPTER_PREFIXES = ['owntracks/', 'msh/'];

export function isAdapterTopic(topic: string): boolean {
	return ADAPTER_PREFIXES.some((p) => topic.startsWith(p));
}

/** Null when no adapter owns the topic; else that adapter's validation of the message. */
export function parseAdapterMessage(
	topic: string,
	payload: Uint8Array,
	now: Date
): AdapterResult | null {
	if (!isAdapterTopic(topic)) return null; // the v1 topics' hot path: no adapter's topic split
	return parseOwnTracks(topic, payload, now) ?? parseMeshtastic(topic, payload, now);
}
