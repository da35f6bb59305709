/**
 * What the live stream (/api/v1/stream) and the JSON reads (/api/v1/*) send to browsers.
 * Shared by the server (which builds them from rows) and the wall (which draws them).
 * Times are ISO 8601 strings in UTC; the UI formats them for Asia/Dushanbe with UTC beside.
 */

import type { IncidentType, IncidentUpdateStatus } from '$lib/contracts/incidents';
import type { TaskingAnswer, TeamStatus } from '$lib/contracts/teams';
import type {
	RequestPriority,
	RequestStatus,
	RequesterKind,
	ResourceClass,
	ResourceStatus
} from '$lib/contracts/resources';

/** The statuses and types are the MQTT contract's (src/lib/contracts), defined there once. */
export type { IncidentType, TeamStatus };
/** `reported`: a field report not yet accepted by an operator (the console issue builds the queue). */
export type IncidentStatus = 'reported' | IncidentUpdateStatus;

export interface Casualties {
	dead: number;
	injured: number;
	missing: number;
	trapped: number;
}
export interface Affected {
	people: number;
	households: number;
}

export interface TeamView {
	id: string;
	callsign: string;
	kind: string;
	status: TeamStatus | null;
	statusTs: string | null;
	incidentId: string | null;
	personnel: number | null;
	lat: number | null;
	lon: number | null;
	positionTs: string | null;
	headingDeg: number | null;
	speedMps: number | null;
	batteryPct: number | null;
	exercise: string | null;
	demo: boolean;
	/** The tasking of its current assignment and the team's answer; null when it holds none. */
	tasking: TaskingAckView | null;
}

/** A tasking the EOC sent a team, and the team's answer (`.../tasking/ack`). */
export interface TaskingAckView {
	id: string;
	incidentId: string;
	sentAt: string;
	answer: TaskingAnswer | null;
	/** Why it declined (text from the field). */
	reason: string | null;
	answeredAt: string | null;
}

export interface IncidentView {
	id: string;
	type: IncidentType;
	severity: number;
	status: IncidentStatus;
	title: string;
	description: string | null;
	/** The named place it is at, as an operator chose it from the place search (or typed it). */
	place: string | null;
	lat: number;
	lon: number;
	casualties: Casualties;
	affected: Affected;
	needs: string[];
	reporter: string | null;
	reportedAt: string;
	updatedAt: string;
	exercise: string | null;
	demo: boolean;
	/** False until an operator acknowledges it: the wall makes it pulse. */
	acknowledged: boolean;
	/** Its photos, oldest first (the bytes at `/console/photos/{id}`). */
	photos: PhotoRef[];
	/** A report that came by SMS or Telegram: how, from whom, its reference (else null). */
	inbound?: InboundView | null;
}

/**
 * What the console shows of an SMS or Telegram report's sender: a contact by name, a team member
 * as the team, anyone else as public; the number or chat id only masked.
 */
export interface InboundView {
	/** The inbound_message row (the reply form names it). */
	id: number;
	channel: 'sms_gateway' | 'smpp' | 'telegram' | 'email';
	reference: string;
	sender: 'team' | 'contact' | 'public';
	name: string | null;
	teamId: string | null;
	callsign: string | null;
	masked: string | null;
	/** coords | place | sender | area: how the report was placed on the map. */
	located: string | null;
	lang: string | null;
}

/** A photo a field report brought: who sent it (a team id or `public`) and when (UTC). */
export interface PhotoRef {
	id: string;
	reporter: string | null;
	ts: string;
}

export interface SensorView {
	id: string;
	kind: string;
	name: string;
	unit: string | null;
	lat: number | null;
	lon: number | null;
	warning: number | null;
	danger: number | null;
	lastValue: number | null;
	lastTs: string | null;
	exercise: string | null;
	demo: boolean;
}

export interface HazardView {
	id: string;
	kind: string;
	geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
	depthM: number | null;
	volumeM3: number | null;
	ts: string;
	exercise: string | null;
	demo: boolean;
}

export interface ShelterView {
	id: string;
	name: string;
	lat: number;
	lon: number;
	capacity: number;
	occupancy: number;
	demo: boolean;
}

/** One info block of a CAP alert as the wall needs it (the stored CAP info, areas as GeoJSON). */
export interface AlertInfoView {
	language: string;
	event: string;
	urgency: string;
	severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
	certainty: string;
	headline?: string;
	description?: string;
	instruction?: string;
	effective?: string;
	onset?: string;
	expires?: string;
	senderName?: string;
	area: { areaDesc: string; geometry: GeoJSON.MultiPolygon | null }[];
}

/** A CAP 1.2 alert the EOC holds. */
export interface AlertView {
	/** "sender,identifier,sent": the key CAP references it by. */
	id: string;
	sender: string;
	identifier: string;
	sent: string;
	status: 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
	msgType: 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
	expiresAt: string;
	/** The Update or Cancel that replaced it. */
	supersededBy: string | null;
	/** False for Test, Draft, System, an Exercise of no drill, a Cancel, and a replaced alert. */
	shown: boolean;
	origin: 'mqtt' | 'upload' | 'eoc';
	exercise: string | null;
	info: AlertInfoView[];
}

/** EOC activation: 1 normal monitoring, 2 enhanced watch, 3 partial activation, 4 full activation. */
export type ActivationLevel = 1 | 2 | 3 | 4;

/** The EOC's settings the wall shows (the console edits them). */
export interface SettingsView {
	eocName: string;
	activationLevel: ActivationLevel;
	/** The operational area the map fits: a name and [west, south, east, north] in degrees. */
	area: { name: string; bbox: [number, number, number, number] };
	/** A team silent for longer than this is shown stale. */
	staleAfterMin: number;
}

/** A verified significant event from the EOC's log. */
export interface LogEntryView {
	id: string;
	ts: string;
	text: string;
	incidentId: string | null;
	author: string | null;
	verifiedAt: string;
	exercise: string | null;
	demo: boolean;
}

/**
 * A drill run as the wall hears of it. On `reset` the EOC has deleted everything the exercise
 * produced: the wall drops every row carrying its id.
 */
export interface ExerciseView {
	id: string;
	name: string;
	scenario: string | null;
	/** running | paused | ended | reset (planned before its first state). */
	status: string;
	startedAt: string | null;
	endedAt: string | null;
	/** Its own id: the stream sends an exercise's state to that exercise's picture only. */
	exercise: string;
}

/**
 * A firing of an alarm rule as walls and consoles see it. The stream sends it again on every
 * change (last seen, acknowledged, cleared); a cleared alarm leaves the lists.
 */
export interface AlarmView {
	id: string;
	ruleId: string;
	ruleName: string;
	/** gauge_level | gauge_rate | team_silent | team_emergency | incident_unassigned |
	 *  hazard_reaches | report_waiting | stock_below */
	ruleKind: string;
	subjectKind: 'sensor' | 'team' | 'incident' | 'hazard' | 'stock';
	subjectId: string;
	/** The gauge's name, the team's callsign, the incident's title, the store and supply (stock):
	 *  shown beside the rule. */
	subjectName: string | null;
	/** A stock alarm's "store · supply" per language ({ en, ru, tg }; the kind's names), so each
	 *  screen names the supply in its own language; null for other subjects. */
	subjectNames: Record<string, string> | null;
	level: 'warning' | 'danger';
	detail: Record<string, unknown>;
	firstSeen: string;
	lastSeen: string;
	acknowledgedAt: string | null;
	/** The acknowledging user's name. */
	acknowledgedBy: string | null;
	ackComment: string | null;
	clearedAt: string | null;
	/** When it counts as escalated if still unacknowledged (first seen + the rule's limit). */
	escalateAt: string | null;
	/** Where its subject is (for the map), when known. */
	lat: number | null;
	lon: number | null;
	exercise: string | null;
}

/** A piece of equipment or a vehicle of the register (docs/resources.md). */
export interface ResourceView {
	id: string;
	kindId: string;
	name: string;
	plate: string | null;
	agency: string | null;
	homeBase: string | null;
	capability: string | null;
	status: ResourceStatus;
	statusTs: string | null;
	lat: number | null;
	lon: number | null;
	positionTs: string | null;
	fuelPct: number | null;
	quantity: number | null;
	note: string | null;
	teamId: string | null;
	requestId: string | null;
	incidentId: string | null;
	exercise: string | null;
	demo: boolean;
}

/** A kind of resource, with its names by language. The EOC's list: every picture shows it. */
export interface ResourceKindView {
	id: string;
	names: Record<string, string>;
	class: ResourceClass;
	unit: string;
	sort: number;
}

/** One supply kind in one store: what is on hand and the minimum kept. Id: `{storeId}:{kindId}`. */
export interface StockView {
	id: string;
	storeId: string;
	storeName: string;
	kindId: string;
	quantity: number;
	minimum: number | null;
	lat: number | null;
	lon: number | null;
	updatedAt: string;
	exercise: string | null;
}

/** What was assigned to a request: a resource, or a quantity from a store. */
export interface RequestAssignmentView {
	resourceId: string | null;
	storeId: string | null;
	quantity: number | null;
	at: string;
	releasedAt: string | null;
}

/** A resource request (ICS-213RR) and where it stands. */
export interface RequestView {
	id: string;
	kindId: string;
	quantity: number;
	incidentId: string | null;
	place: string | null;
	lat: number | null;
	lon: number | null;
	priority: RequestPriority;
	neededBy: string | null;
	requesterKind: RequesterKind;
	requester: string;
	note: string | null;
	status: RequestStatus;
	reason: string | null;
	requestedAt: string;
	approvedAt: string | null;
	assignedAt: string | null;
	enRouteAt: string | null;
	deliveredAt: string | null;
	closedAt: string | null;
	assigned: RequestAssignmentView[];
	exercise: string | null;
	demo: boolean;
}

/** [lon, lat, epoch ms] */
export type TrailPoint = [number, number, number];
/** [epoch ms, value] */
export type SeriesPoint = [number, number];

/** How far back the wall keeps a team's trail and a gauge's sparkline. */
export const TRAIL_WINDOW_MS = 30 * 60_000;
export const SERIES_WINDOW_MS = 6 * 3600_000;
/** Gauge readings are kept as the maximum per bucket of this size. */
export const SERIES_BUCKET_MS = 5 * 60_000;
/** At most this many points per trail and per series: a wall runs for days in bounded memory. */
export const TRAIL_MAX_POINTS = 120;
export const SERIES_MAX_POINTS = SERIES_WINDOW_MS / SERIES_BUCKET_MS + 1;

export interface Snapshot {
	teams: TeamView[];
	incidents: IncidentView[];
	sensors: SensorView[];
	hazards: HazardView[];
	shelters: ShelterView[];
	/** CAP alerts shown on the wall and not expired when the snapshot was read. */
	alerts: AlertView[];
	settings: SettingsView;
	/** Verified significant events, newest first (at most 50). */
	events: LogEntryView[];
	/** The picture's alarms not cleared yet, newest first. */
	alarms: AlarmView[];
	/** The register's equipment of the picture. */
	resources: ResourceView[];
	/** The kinds of resource (the EOC's list). */
	resourceKinds: ResourceKindView[];
	/** Supplies on hand per store. */
	stock: StockView[];
	/** Open requests, and those closed in the last 24 hours. */
	requests: RequestView[];
	/** Each team's positions of the last 30 minutes, oldest first. */
	trails: Record<string, TrailPoint[]>;
	/** Each sensor's readings of the last 6 hours, bucketed, oldest first. */
	series: Record<string, SeriesPoint[]>;
	/** Server time when the snapshot was read. */
	asOf: string;
}

/** The entities a screen is told to drop when their row is deleted (others are never deleted). */
export const REMOVABLE = ['resource', 'resourceKind'] as const;
export type Removable = (typeof REMOVABLE)[number];
export interface RemovedView {
	kind: Removable;
	id: string;
}

/**
 * Where the messages of one source (a warning, a reply, a tasking) stand in the outbox: counts by
 * channel and status (queued, sending, sent, delivered, failed, unknown). Sent as a change once
 * per sender batch, not per message.
 */
export interface OutboxProgressView {
	/** `kind:id`, e.g. `warning:w-1a2b`. */
	id: string;
	sourceKind: string;
	sourceId: string;
	exercise: string | null;
	channels: Record<string, Record<string, number>>;
}

/** One typed map from SSE event name to its data; never bare strings elsewhere. */
export interface LiveEventMap {
	snapshot: Snapshot;
	team: TeamView;
	incident: IncidentView;
	sensor: SensorView;
	hazard: HazardView;
	shelter: ShelterView;
	settings: SettingsView;
	logEntry: LogEntryView;
	alert: AlertView;
	exercise: ExerciseView;
	alarm: AlarmView;
	resource: ResourceView;
	resourceKind: ResourceKindView;
	stock: StockView;
	request: RequestView;
	/** A row deleted from the register (a retired resource, a deleted kind): drop it. */
	removed: RemovedView;
	/** A source's messages moved in the outbox (#17): the consoles' progress; the wall ignores it. */
	outbox: OutboxProgressView;
}
export type LiveEventName = keyof LiveEventMap;
export type LiveEvent = { [K in LiveEventName]: { type: K; data: LiveEventMap[K] } }[LiveEventName];
export const LIVE_EVENT_NAMES: readonly LiveEventName[] = [
	'snapshot',
	'team',
	'incident',
	'sensor',
	'hazard',
	'shelter',
	'settings',
	'logEntry',
	'alert',
	'exercise',
	'alarm',
	'resource',
	'resourceKind',
	'stock',
	'request',
	'removed',
	'outbox'
];
