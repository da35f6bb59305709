import { m } from '$lib/paraglide/messages';

/** The admin forms' problem keys (zod messages and server checks), in the screen's language. */
const PROBLEMS: Record<string, () => string> = {
	email_invalid: m.email_invalid,
	name_missing: m.name_missing,
	name_too_long: m.name_too_long,
	role_invalid: m.role_invalid,
	admin_user_exists: m.admin_user_exists,
	token_not_found: m.token_not_found,
	token_kind_invalid: m.token_kind_invalid,
	device_not_found: m.device_not_found,
	device_team_unknown: m.device_team_unknown
};

export function problemText(key: string | undefined): string {
	return (key && PROBLEMS[key]?.()) || key || '';
}
