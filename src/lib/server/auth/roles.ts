/**
 * Who may do what. Five roles for people (issue #4) and two kinds of machine principal: a wall
 * kiosk's display token and an integration's API token. Routes name the grants they need in
 * `rules.ts`; nothing else decides.
 */
export const ROLES = ['admin', 'supervisor', 'operator', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_KINDS = ['display', 'api'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** A role, or a kind of token. */
export type Grant = Role | TokenKind;

export type Principal =
	| {
			kind: 'user';
			id: string;
			email: string;
			name: string;
			role: Role;
			mustChangePassword: boolean;
	  }
	| { kind: TokenKind; id: string; name: string };

export function isRole(v: unknown): v is Role {
	return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** The grant a principal holds: its role, or its token kind. */
export function grantOf(p: Principal): Grant {
	return p.kind === 'user' ? p.role : p.kind;
}

/** Anyone signed in or holding a token: the live picture (wall, stream, read API). */
export const READ: readonly Grant[] = [...ROLES, 'display', 'api'];
/** People only, any role: their own account. */
export const PEOPLE: readonly Grant[] = ROLES;
/** Incidents, assignments and the log. A supervisor and an admin can do what an operator can. */
export const OPERATE: readonly Grant[] = ['operator', 'supervisor', 'admin'];
/** Verifying significant events and setting the activation level. */
export const SUPERVISE: readonly Grant[] = ['supervisor', 'admin'];
/** Drills. */
export const TRAIN: readonly Grant[] = ['trainer', 'admin'];
/** Users, devices, tokens, settings, reference layers, the audit log. */
export const ADMIN: readonly Grant[] = ['admin'];
/** Machine reads that are not for a wall: metrics. */
export const MONITOR: readonly Grant[] = ['api', 'admin'];

/** What a route asks for: open to anyone, or one of these grants. */
export type Rule = 'public' | readonly Grant[];

export function allows(rule: Rule, principal: Principal | null): boolean {
	if (rule === 'public') return true;
	return principal !== null && rule.includes(grantOf(principal));
}
