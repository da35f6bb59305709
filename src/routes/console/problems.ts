import { EOC_NAME_MAX, LOG_TEXT_MAX, OCCUPANCY_MAX, STALE_MIN_MAX } from '$lib/console/limits';
import { m } from '$lib/paraglide/messages';

/** The console forms' problem keys (zod messages and server checks), in the screen's language. */
const PROBLEMS: Record<string, () => string> = {
	not_allowed: m.not_allowed,
	log_text_missing: m.log_text_missing,
	log_text_too_long: () => m.log_text_too_long({ max: LOG_TEXT_MAX }),
	log_text_invalid: m.log_text_invalid,
	log_incident_unknown: m.log_incident_unknown,
	log_not_found: m.log_not_found,
	log_not_significant: m.log_not_significant,
	log_already_verified: m.log_already_verified,
	eoc_name_missing: m.eoc_name_missing,
	eoc_name_too_long: () => m.eoc_name_too_long({ max: EOC_NAME_MAX }),
	stale_invalid: () => m.stale_invalid({ max: STALE_MIN_MAX }),
	activation_invalid: m.activation_invalid,
	shelter_unknown: m.shelter_unknown,
	occupancy_invalid: () => m.occupancy_invalid({ max: OCCUPANCY_MAX }),
	sensor_unknown: m.sensor_unknown,
	threshold_invalid: m.threshold_invalid,
	thresholds_order: m.thresholds_order
};

export function problemText(key: string | undefined): string {
	return (key && PROBLEMS[key]?.()) || key || '';
}
