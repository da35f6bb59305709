import { m } from '$lib/paraglide/messages';

/** A role's name in the screen's language. */
export function roleName(role: string): string {
	switch (role) {
		case 'admin':
			return m.role_admin();
		case 'supervisor':
			return m.role_supervisor();
		case 'operator':
			return m.role_operator();
		case 'trainer':
			return m.role_trainer();
		case 'viewer':
			return m.role_viewer();
		default:
			return role;
	}
}
