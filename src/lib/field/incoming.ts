/**
 * What the EOC sends the phone: the team's tasking and the refusals of its messages. Read with
 * small guards (not the contract's zod schemas, which stay on the server): a message that does not
 * fit is ignored, never shown half-read.
 */
const str = (v: unknown, max: number): v is string =>
	typeof v === 'string' && v.length > 0 && v.length <= max;
const num = (v: unknown, min: number, max: number): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

export interface TaskingIncident {
	title: string;
	type?: string;
	severity?: number;
	lat: number;
	lon: number;
	place?: string;
}

export interface Tasking {
	/** The tasking's msgId: what an answer names. */
	msgId: string;
	ts: string;
	incidentId: string;
	message: string;
	priority?: number;
	incident?: TaskingIncident;
	receivedAt: number;
}

export interface RefusalMessage {
	msgId: string;
	ts: string;
	refusedMsgId?: string;
	topic: string;
	reason: string;
	detail: string;
}

function parseObject(text: string): Record<string, unknown> | null {
	try {
		const v: unknown = JSON.parse(text);
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

function readIncident(v: unknown): TaskingIncident | undefined {
	if (!v || typeof v !== 'object') return undefined;
	const i = v as Record<string, unknown>;
	if (!str(i.title, 200) || !num(i.lat, -90, 90) || !num(i.lon, -180, 180)) return undefined;
	return {
		title: i.title,
		lat: i.lat,
		lon: i.lon,
		type: str(i.type, 64) ? i.type : undefined,
		severity: num(i.severity, 1, 5) ? i.severity : undefined,
		place: str(i.place, 200) ? i.place : undefined
	};
}

export function readTasking(text: string, now = Date.now()): Tasking | null {
	const o = parseObject(text);
	if (!o || !str(o.msgId, 128) || !str(o.ts, 64) || !str(o.incidentId, 64)) return null;
	if (typeof o.message !== 'string' || o.message.length > 1000) return null;
	return {
		msgId: o.msgId,
		ts: o.ts,
		incidentId: o.incidentId,
		message: o.message,
		priority: num(o.priority, 1, 5) ? o.priority : undefined,
		incident: readIncident(o.incident),
		receivedAt: now
	};
}

export function readRefusal(text: string): RefusalMessage | null {
	const o = parseObject(text);
	if (!o || !str(o.msgId, 128) || !str(o.ts, 64) || !str(o.topic, 1000)) return null;
	if (!str(o.reason, 64) || typeof o.detail !== 'string') return null;
	return {
		msgId: o.msgId,
		ts: o.ts,
		topic: o.topic,
		reason: o.reason,
		detail: o.detail.slice(0, 500),
		refusedMsgId: str(o.refusedMsgId, 128) ? o.refusedMsgId : undefined
	};
}
