/**
 * The messages a team makes on the phone, built to the MQTT v1 contract (src/lib/contracts). The
 * contract's zod schemas stay on the server: the phone builds only well-formed messages, the EOC
 * checks every one, and a refusal comes back on the team's `refused` topic. The topics and the
 * vocabularies come from the contract's zod-free modules, so the phone's bundle carries no zod.
 */
import { topics } from '$lib/contracts/topics';
import type { IncidentType, PhotoType, TeamStatus } from '$lib/contracts/vocabulary';
import type { OutKind, Outgoing } from './db';
import { newMsgId } from './outbox';

export { INCIDENT_TYPES, MAX_PHOTO_BYTES, TEAM_STATUSES } from '$lib/contracts/vocabulary';
export type { IncidentType, TeamStatus };

/** The topics the phone uses (the contract's own builders, which need no zod). */
export const fieldTopics = {
	position: topics.position,
	status: topics.status,
	tasking: topics.tasking,
	taskingAck: topics.taskingAck,
	refused: topics.refused,
	incidentReport: topics.incidentReport
};

export interface Fix {
	lat: number;
	lon: number;
	accuracyM?: number;
	speedMps?: number;
	headingDeg?: number;
	altitudeM?: number;
	at: number;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

function outgoing(
	kind: OutKind,
	topic: string,
	subject: string,
	body: Record<string, unknown>,
	now: number
): Omit<Outgoing, 'seq'> {
	const msgId = newMsgId(now);
	const payload = JSON.stringify({ msgId, ts: new Date(now).toISOString(), ...body });
	return { msgId, topic, payload, kind, subject, madeAt: now };
}

/** Drops undefined fields, so the JSON carries only what the team gave. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function where(fix: Fix | null) {
	return fix ? { lat: round(fix.lat, 6), lon: round(fix.lon, 6) } : {};
}

export function statusMessage(
	teamId: string,
	status: TeamStatus,
	fix: Fix | null,
	now = Date.now()
) {
	return outgoing('status', fieldTopics.status(teamId), status, { status, ...where(fix) }, now);
}

/** Help: the team's current status with `emergency: true`, which raises the alarm at once. */
export function emergencyMessage(
	teamId: string,
	status: TeamStatus,
	fix: Fix | null,
	now = Date.now()
) {
	const body = { status, emergency: true, ...where(fix) };
	return outgoing('emergency', fieldTopics.status(teamId), status, body, now);
}

export function positionMessage(
	teamId: string,
	fix: Fix,
	batteryPct: number | undefined,
	now = Date.now()
) {
	const body = defined({
		...where(fix),
		accuracyM: fix.accuracyM === undefined ? undefined : Math.round(fix.accuracyM),
		speedMps: fix.speedMps === undefined ? undefined : round(fix.speedMps, 1),
		headingDeg: fix.headingDeg === undefined ? undefined : round(fix.headingDeg % 360, 0) % 360,
		altitudeM: fix.altitudeM === undefined ? undefined : Math.round(fix.altitudeM),
		batteryPct: batteryPct === undefined ? undefined : Math.round(batteryPct)
	});
	return outgoing('position', fieldTopics.position(teamId), '', body, fix.at > 0 ? fix.at : now);
}

export interface ReportInput {
	type: IncidentType;
	severity: number;
	lat: number;
	lon: number;
	title: string;
	note?: string;
	dead?: number;
	injured?: number;
	missing?: number;
	trapped?: number;
	photo?: { type: PhotoType; data: string };
}

export function reportMessage(teamId: string, r: ReportInput, now = Date.now()) {
	const counts = {
		dead: r.dead ?? 0,
		injured: r.injured ?? 0,
		missing: r.missing ?? 0,
		trapped: r.trapped ?? 0
	};
	const any = Object.values(counts).some((n) => n > 0);
	const body = defined({
		reporter: teamId,
		type: r.type,
		severity: r.severity,
		lat: round(r.lat, 6),
		lon: round(r.lon, 6),
		title: r.title.slice(0, 200),
		description: r.note?.trim() ? r.note.trim().slice(0, 5000) : undefined,
		casualties: any ? counts : undefined,
		photo: r.photo
	});
	return outgoing('report', fieldTopics.incidentReport(), r.type, body, now);
}

export function taskingAckMessage(
	teamId: string,
	taskingId: string,
	answer: 'accepted' | 'declined',
	reason: string | undefined,
	now = Date.now()
) {
	const body = defined({ taskingId, answer, reason: reason?.trim() || undefined });
	return outgoing('ack', fieldTopics.taskingAck(teamId), answer, body, now);
}
