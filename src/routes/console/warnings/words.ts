import { m } from '$lib/paraglide/messages';

/** A hazard template's name in the screen's language. */
export function hazardName(h: string): string {
	const names: Record<string, () => string> = {
		mudflow: m.warning_hazard_mudflow,
		flood: m.warning_hazard_flood,
		landslide: m.warning_hazard_landslide,
		earthquake: m.warning_hazard_earthquake,
		other: m.warning_hazard_other
	};
	return (names[h] ?? (() => h))();
}

/** Where a warning stands, in the screen's language. */
export function statusName(s: string): string {
	const names: Record<string, () => string> = {
		draft: m.warning_status_draft,
		approved: m.warning_status_approved,
		issued: m.warning_status_issued,
		rejected: m.warning_status_rejected
	};
	return (names[s] ?? (() => s))();
}

/** A form field's name, for "the headline (tg) is empty". */
export function fieldName(field: string): string {
	const [lang, part] = field.split('_');
	const parts: Record<string, () => string> = {
		headline: m.warnings_headline,
		description: m.warnings_description,
		instruction: m.warnings_instruction
	};
	if (part && parts[part]) return `${parts[part]()} (${lang})`;
	const names: Record<string, () => string> = {
		places: m.warnings_places,
		hazardId: m.warnings_hazard_pick,
		radiusKm: m.warnings_radius,
		expiresHours: m.warnings_expires,
		areaDesc: m.warnings_area_desc,
		hazard: m.warnings_template,
		reason: m.warnings_reason
	};
	return (names[field] ?? (() => field))();
}
