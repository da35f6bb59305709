import type { LayoutServerLoad } from './$types';

/**
 * Who is signed in, for the navigation of the plain pages (no secrets: name, email, role), and
 * the picture the pages show (null: the real one; else the exercise, under its banner).
 */
export const load: LayoutServerLoad = ({ locals }) => {
	const p = locals.principal;
	return {
		exercise: locals.exercise,
		viewer: p
			? p.kind === 'user'
				? { kind: 'user' as const, name: p.name, email: p.email, role: p.role }
				: { kind: p.kind, name: p.name }
			: null
	};
};
