/**
 * What the warning form starts with: a hazard's template, what an alarm proposes (`?alarm=<id>`:
 * its rule, its subject, its level), or a warning as stored (to edit it). The alarm is read with
 * one small select of the `alarm` table (the alarm engine owns it; nothing here writes it).
 */
import type { Queryable } from '../db/types';
import type { Scope } from '../exercises/scope';
import type { Warning } from '../db/schema';
import type { Indexed } from '../places/search';
import { hazardOfPlaces, nearestPlace, placesOf, radiusOf } from './area';
import { hazardExtent } from './store';
import { hazardOf, TEMPLATES, WARNING_LANGS, type Hazard } from './templates';

export type FormFields = Record<string, string>;

/** The radius of the circles around places when nothing else says. */
export const DEFAULT_RADIUS_KM = 3;
export const DEFAULT_EXPIRES_H = 12;

/** A fresh form from a hazard's template. */
export function templateFields(hazard: Hazard): FormFields {
	const t = TEMPLATES[hazard];
	const out: FormFields = {
		hazard,
		alarmId: '',
		severity: t.severity,
		urgency: t.urgency,
		certainty: t.certainty,
		expiresHours: String(DEFAULT_EXPIRES_H),
		areaSource: 'places',
		places: '',
		radiusKm: String(DEFAULT_RADIUS_KM),
		hazardId: '',
		areaDesc: ''
	};
	for (const l of WARNING_LANGS) {
		out[`${l}_headline`] = t.text[l].headline;
		out[`${l}_description`] = t.text[l].description;
		out[`${l}_instruction`] = t.text[l].instruction;
	}
	return out;
}

/** A stored warning as the form shows it (its places by name in the screen's language). */
export function warningFields(
	w: Warning,
	now = new Date(),
	index?: readonly Indexed[]
): FormFields {
	const hazardId = hazardOfPlaces(w.places);
	const out: FormFields = {
		hazard: w.hazard,
		alarmId: w.alarmId ?? '',
		severity: w.severity,
		urgency: w.urgency,
		certainty: w.certainty,
		expiresHours: String(
			Math.min(168, Math.max(1, Math.round((w.expiresAt.getTime() - now.getTime()) / 3600_000)))
		),
		areaSource: hazardId ? 'hazard' : 'places',
		places: placesOf(w.places, 'en', index)
			.map((p) => p.id)
			.join(', '),
		radiusKm: String(hazardId ? DEFAULT_RADIUS_KM : radiusOf(w.area) || DEFAULT_RADIUS_KM),
		hazardId: hazardId ?? '',
		areaDesc: hazardId ? w.areaDesc : ''
	};
	for (const l of WARNING_LANGS) {
		out[`${l}_headline`] = w.texts[l].headline;
		out[`${l}_description`] = w.texts[l].description;
		out[`${l}_instruction`] = w.texts[l].instruction;
	}
	return out;
}

interface AlarmRow {
	id: string;
	level: string;
	subjectKind: string;
	subjectId: string;
	exercise: string | null;
	ruleName: string | null;
	ruleKind: string | null;
}

/** What an alarm proposes, as the form and as a line shown above it; null when there is none. */
export interface AlarmPrefill {
	alarm: { id: string; ruleName: string; level: string; subject: string };
	fields: FormFields;
}

/** The alarm's subject: a place to warn around, or a hazard whose extent is the area. */
async function subjectOf(
	q: Queryable,
	a: AlarmRow,
	scope: Scope
): Promise<{ hazard: Hazard; place?: string | null; hazardId?: string }> {
	const gauge = a.ruleKind?.startsWith('gauge_');
	if (a.subjectKind === 'hazard') {
		const h = await hazardExtent(q, a.subjectId, scope);
		if (h) return { hazard: hazardOf(h.kind), hazardId: a.subjectId };
	}
	if (a.subjectKind === 'sensor') {
		const [s] = await q.query<{ lat: number | null; lon: number | null }>(
			`select lat, lon from sensor where id = $1`,
			[a.subjectId]
		);
		const place = s?.lat != null && s.lon != null ? nearestPlace(s.lat, s.lon) : null;
		return { hazard: gauge ? 'flood' : 'other', place };
	}
	if (a.subjectKind === 'incident') {
		const [i] = await q.query<{ type: string; lat: number; lon: number }>(
			`select type, lat, lon from incident where id = $1 and exercise is not distinct from $2::text`,
			[a.subjectId, scope]
		);
		if (i) return { hazard: hazardOf(i.type), place: nearestPlace(i.lat, i.lon) };
	}
	return { hazard: gauge ? 'flood' : 'other' };
}

/**
 * The form an alarm proposes: the template of its hazard, the area around its subject, danger
 * raised to Extreme and Immediate. Only an alarm of the operator's own picture.
 */
export async function alarmPrefill(
	q: Queryable,
	alarmId: string,
	scope: Scope
): Promise<AlarmPrefill | null> {
	const [a] = await q.query<AlarmRow>(
		`select a.id, a.level, a.subject_kind as "subjectKind", a.subject_id as "subjectId",
			a.exercise, r.name as "ruleName", r.kind as "ruleKind"
		from alarm a left join alarm_rule r on r.id = a.rule_id
		where a.id = $1 and a.exercise is not distinct from $2::text`,
		[alarmId, scope]
	);
	if (!a) return null;
	const s = await subjectOf(q, a, scope);
	const fields = templateFields(s.hazard);
	fields.alarmId = a.id;
	if (a.level === 'danger') Object.assign(fields, { severity: 'Extreme', urgency: 'Immediate' });
	if (s.hazardId) Object.assign(fields, { areaSource: 'hazard', hazardId: s.hazardId });
	else if (s.place) fields.places = s.place;
	return {
		alarm: {
			id: a.id,
			ruleName: a.ruleName ?? a.ruleKind ?? '',
			level: a.level,
			subject: `${a.subjectKind} ${a.subjectId}`
		},
		fields
	};
}
