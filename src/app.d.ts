// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/auth/roles';
import type { SessionInfo } from '$lib/server/auth/session';
import type { Scope } from '$lib/server/exercises/scope';

declare global {
	/** The git commit the app was built from, or '' (vite.config.ts). */
	const __EOC_COMMIT__: string;
	namespace App {
		interface Locals {
			/** Whoever is asking: a person, a display token or an API token; null when anonymous. */
			principal: Principal | null;
			/** The signed-in person, when the principal is one. */
			user: (Principal & { kind: 'user' }) | null;
			session: SessionInfo | null;
			/** The picture a page shows: null for the real one, else an exercise id (exercises/handle.ts). */
			exercise: Scope;
		}
		interface Error {
			message: string;
			/** For an unexpected error: the id its log line carries, to quote when reporting it. */
			errorId?: string;
		}
	}
}

export {};
