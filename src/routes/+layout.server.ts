import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the navigation of the plain pages (no secrets: name, email, role). */
export const load: LayoutServerLoad = ({ locals }) => {
	const p = locals.principal;
	return {
		viewer: p
			? p.kind === 'user'
				? { kind: 'user' as const, name: p.name, email: p.email, role: p.role }
				: { kind: p.kind, name: p.name }
			: null
	};
};
