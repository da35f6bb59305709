/**
 * OwnTracks over MQTT (the booklet, https://owntracks.org/booklet/tech/json/): the apps publish
 * `_type: location` and `_type: lwt` to `owntracks/{user}/{device}`, transitions to `.../event`,
 * their card to `.../info` (retained), and other things to other subtopics. Times are epoch
 * seconds (`tst`), `vel` is km/h, `cog` degrees, `acc`/`alt` metres, `batt` percent. The Android
 * app publishes with QoS 1, and its locations retained: a broker replays the last one on every
 * (re)subscription, which dedup (same bytes) and placement by `tst` make harmless.
 */
import { z } from 'zod';
import { latSchema, lonSchema } from '../common';
import { deviceKey, fnv1a } from './device';
import { epochSecondsSchema, readAdapter, type AdapterResult, type ReaderResult } from './read';
import { formatIssues } from '../decode';

export const OWNTRACKS_FILTER = 'owntracks/#';

/** A user or device level: what MQTT allows in one level, printable, at most 64 characters. */
// eslint-disable-next-line no-control-regex
const LEVEL = /^[^/+#\u0000-\u001f\u007f]{1,64}$/;

/** A registry ident of an OwnTracks device: `{user}/{device}`, as in its topic. */
export const ownTracksIdentPattern = new RegExp(
	`^${LEVEL.source.slice(1, -1)}/${LEVEL.source.slice(1, -1)}$`
);

/** `user/device` and the subtopic, or null when the topic is not an OwnTracks one. */
export function matchOwnTracksTopic(
	topic: string
): { user: string; device: string; sub: string | null } | null {
	const levels = topic.split('/');
	if (levels[0] !== 'owntracks' || levels.length < 3 || levels.length > 4) return null;
	const [, user, device, sub] = levels;
	if (!LEVEL.test(user) || !LEVEL.test(device)) return null;
	if (sub !== undefined && !LEVEL.test(sub)) return null;
	return { user, device, sub: sub ?? null };
}

/** A sentinel such as -1 ("not known", as iOS reports a missing course) reads as absent. */
const known = (schema: z.ZodNumber) =>
	z.preprocess((v) => (typeof v === 'number' && v < 0 ? undefined : v), schema.optional());

const tidSchema = z.string().max(8).optional();

const locationSchema = z.object({
	_type: z.literal('location'),
	lat: latSchema,
	lon: lonSchema,
	tst: epochSecondsSchema,
	acc: known(z.number()),
	alt: z.number().optional(),
	batt: known(z.number().max(100)),
	vel: known(z.number()),
	cog: known(z.number()),
	tid: tidSchema
});

const transitionSchema = z.object({
	_type: z.literal('transition'),
	tst: epochSecondsSchema,
	lat: latSchema.optional(),
	lon: lonSchema.optional(),
	acc: known(z.number()),
	event: z.enum(['enter', 'leave']),
	desc: z.string().max(200).optional(),
	tid: tidSchema
});

/** `tst` here is when the app connected (the booklet); the will is sent when it drops. */
const lwtSchema = z.object({ _type: z.literal('lwt'), tst: epochSecondsSchema });

const cardSchema = z.object({
	_type: z.literal('card'),
	name: z.string().min(1).max(200),
	tid: tidSchema
});

export const ownTracksSchemas = {
	location: locationSchema,
	transition: transitionSchema,
	lwt: lwtSchema,
	card: cardSchema
};

/** Which `_type` each subtopic carries; other subtopics are not taken (dead-lettered). */
const TYPES_BY_SUB: Record<string, readonly string[]> = {
	'': ['location', 'lwt', 'transition', 'card'],
	event: ['transition'],
	info: ['card']
};
const WHY_NOT: Record<string, string> = {
	cmd: 'remote commands go to devices; eocwall neither sends nor takes them',
	encrypted: 'an encrypted payload: turn payload encryption off in the app for eocwall'
};

function read(
	deviceId: string,
	sub: string | null,
	json: Record<string, unknown>,
	now: Date
): ReaderResult {
	const type = typeof json._type === 'string' ? json._type.slice(0, 40) : null;
	if (type === null)
		return { ok: false, reason: 'schema', detail: '_type: expected a string (location, ...)' };
	const allowed = TYPES_BY_SUB[sub ?? ''];
	if (!allowed)
		return {
			ok: false,
			reason: 'unsupported',
			detail: `OwnTracks subtopic "${sub}" is not taken: ${WHY_NOT[sub ?? ''] ?? 'only locations, lwt, transitions (…/event) and cards (…/info) are'}`
		};
	if (!allowed.includes(type))
		return {
			ok: false,
			reason: 'unsupported',
			detail: `OwnTracks _type "${type}" on ${sub ? `…/${sub}` : 'the device topic'} is not taken: ${WHY_NOT[type] ?? `expected ${allowed.join(' or ')}`}`
		};
	const schema = ownTracksSchemas[type as keyof typeof ownTracksSchemas];
	const parsed = schema.safeParse(json);
	if (!parsed.success)
		return { ok: false, reason: 'schema', detail: formatIssues(parsed.error.issues) };
	const m = parsed.data;
	switch (m._type) {
		case 'location':
			return {
				ok: true,
				msgId: `location:${m.tst.getTime() / 1000}`,
				ts: m.tst,
				body: {
					deviceId,
					kind: 'position',
					fix: {
						lat: m.lat,
						lon: m.lon,
						accuracyM: m.acc,
						altitudeM: m.alt,
						// km/h → m/s
						speedMps: m.vel === undefined ? undefined : m.vel / 3.6,
						headingDeg: m.cog === undefined ? undefined : m.cog % 360
					},
					batteryPct: m.batt,
					shortName: m.tid
				}
			};
		case 'transition': {
			const fix =
				m.lat !== undefined && m.lon !== undefined
					? { lat: m.lat, lon: m.lon, accuracyM: m.acc }
					: undefined;
			return {
				ok: true,
				msgId: `transition:${m.tst.getTime() / 1000}:${m.event}`,
				ts: m.tst,
				body: {
					deviceId,
					kind: 'transition',
					fix,
					transition: m.event,
					text: m.desc ?? '',
					shortName: m.tid
				}
			};
		}
		case 'lwt':
			// Received now: the will's tst is when the app connected, not when it dropped.
			return {
				ok: true,
				msgId: `lwt:${m.tst.getTime() / 1000}`,
				ts: now,
				body: { deviceId, kind: 'offline' }
			};
		case 'card':
			return {
				ok: true,
				msgId: `card:${fnv1a(JSON.stringify([m.name, m.tid ?? null]))}`,
				ts: now,
				body: { deviceId, kind: 'names', name: m.name, shortName: m.tid }
			};
	}
}

/** Null when the topic is not OwnTracks'; else the message's validation. */
export function parseOwnTracks(
	topic: string,
	payload: Uint8Array,
	now: Date
): AdapterResult | null {
	const match = matchOwnTracksTopic(topic);
	if (!match) return topic.startsWith('owntracks/') ? badTopic(topic) : null;
	const deviceId = deviceKey('owntracks', `${match.user}/${match.device}`);
	return readAdapter('owntracks', topic, deviceId, payload, now, (json, at) =>
		read(deviceId, match.sub, json, at)
	);
}

function badTopic(topic: string): AdapterResult {
	return {
		ok: false,
		family: 'owntracks',
		reason: 'unknown_topic',
		detail: `expected owntracks/{user}/{device}[/{subtopic}], got "${topic.slice(0, 200)}"`,
		msgId: null,
		sender: null
	};
}
