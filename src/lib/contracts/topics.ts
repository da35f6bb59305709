/**
 * The topic table of the MQTT v1 interface (docs/design.md "The MQTT interface"). Topic strings are
 * built and matched here only, so no other module spells them out.
 */
import { ID_PATTERN } from './vocabulary';

export const TOPIC_FAMILIES = [
	'position',
	'status',
	'tasking',
	'tasking_ack',
	'incident_report',
	'incident_update',
	'sensor_reading',
	'hazard_extent',
	'exercise_state',
	'exercise_inject',
	'resource_status',
	'resource_tasking',
	'refused'
] as const;
export type TopicFamily = (typeof TOPIC_FAMILIES)[number];

/** Address templates, spelled as the AsyncAPI channel addresses (`{param}` is one id segment). */
export const TOPIC_TEMPLATES = {
	position: 'eoc/v1/teams/{teamId}/position',
	status: 'eoc/v1/teams/{teamId}/status',
	tasking: 'eoc/v1/teams/{teamId}/tasking',
	tasking_ack: 'eoc/v1/teams/{teamId}/tasking/ack',
	incident_report: 'eoc/v1/incidents/report',
	incident_update: 'eoc/v1/incidents/{incidentId}/update',
	sensor_reading: 'eoc/v1/sensors/{sensorId}/reading',
	hazard_extent: 'eoc/v1/hazards/{hazardId}/extent',
	exercise_state: 'eoc/v1/exercises/{exerciseId}/state',
	exercise_inject: 'eoc/v1/exercises/{exerciseId}/inject',
	resource_status: 'eoc/v1/resources/{resourceId}/status',
	resource_tasking: 'eoc/v1/resources/{resourceId}/tasking',
	refused: 'eoc/v1/teams/{teamId}/refused'
} as const satisfies Record<TopicFamily, string>;

/** What the ingest subscribes to (behind `$share/eocwall/` on a clustered broker). */
export const INGEST_FILTER = 'eoc/v1/#';

/** MQTT subscription filter of one family: the id segment becomes `+` [MQTT-4.7.1.3]. */
export function topicFilter(family: TopicFamily): string {
	return TOPIC_TEMPLATES[family].replace(/\{[A-Za-z]+\}/g, '+');
}

function fill(family: TopicFamily, id: string): string {
	// A bad id is a programming error in a publisher: fail loudly rather than publish to a
	// topic the ingest will dead-letter.
	if (!ID_PATTERN.test(id)) throw new RangeError(`invalid topic id for ${family}: "${id}"`);
	return TOPIC_TEMPLATES[family].replace(/\{[A-Za-z]+\}/, id);
}

/** Topic builders for simulators, tests and the tasking publisher. */
export const topics = {
	position: (teamId: string) => fill('position', teamId),
	status: (teamId: string) => fill('status', teamId),
	tasking: (teamId: string) => fill('tasking', teamId),
	taskingAck: (teamId: string) => fill('tasking_ack', teamId),
	incidentReport: () => TOPIC_TEMPLATES.incident_report,
	incidentUpdate: (incidentId: string) => fill('incident_update', incidentId),
	sensorReading: (sensorId: string) => fill('sensor_reading', sensorId),
	hazardExtent: (hazardId: string) => fill('hazard_extent', hazardId),
	exerciseState: (exerciseId: string) => fill('exercise_state', exerciseId),
	exerciseInject: (exerciseId: string) => fill('exercise_inject', exerciseId),
	resourceStatus: (resourceId: string) => fill('resource_status', resourceId),
	resourceTasking: (resourceId: string) => fill('resource_tasking', resourceId),
	refused: (teamId: string) => fill('refused', teamId)
};

export type TopicMatch =
	| { family: Exclude<TopicFamily, 'incident_report'>; id: string }
	| { family: 'incident_report'; id: null };

// All templates as one regular expression, each a group of its own (with its id's group after
// it): one pass over a topic instead of a split and a walk per template (the ingest's hot path).
// An id level matches ID_PATTERN, which holds no '/', so it never spans levels.
const ID_LEVEL = `(${ID_PATTERN.source.slice(1, -1)})`;
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
let groupCount = 0;
const MATCHERS = TOPIC_FAMILIES.map((family) => {
	const segments = TOPIC_TEMPLATES[family].split('/');
	const hasId = segments.some((s) => s.startsWith('{'));
	const group = ++groupCount;
	if (hasId) groupCount++;
	const source = segments.map((s) => (s.startsWith('{') ? ID_LEVEL : escapeRe(s))).join('/');
	return { family, group, idGroup: hasId ? group + 1 : null, source: `(${source})` };
});
const TOPIC_RE = new RegExp(`^(?:${MATCHERS.map((m) => m.source).join('|')})$`);

/**
 * The family and id of a concrete topic, or null when it is not a v1 topic. Matching is exact:
 * same number of levels, literal levels equal, the id level matching ID_PATTERN (so `+`, `#`,
 * empty levels and stray characters never match).
 */
export function matchTopic(topic: string): TopicMatch | null {
	const m = TOPIC_RE.exec(topic);
	if (!m) return null;
	for (const { family, group, idGroup } of MATCHERS) {
		if (m[group] !== undefined) {
			return { family, id: idGroup === null ? null : m[idGroup] } as TopicMatch;
		}
	}
	return null;
}

/** A low-cardinality metrics label for a topic: its family, or `unknown`. */
export function topicFamilyLabel(topic: string): TopicFamily | 'unknown' {
	return matchTopic(topic)?.family ?? 'unknown';
}
