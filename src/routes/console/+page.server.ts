import { reads } from '$lib/server/live/snapshot';
import { services } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** The incidents that are not closed, field reports awaiting an operator first. */
export const load: PageServerLoad = async () => {
	const incidents = await reads.incidents(services().db);
	const rank = (s: string) => (s === 'reported' ? 0 : 1);
	return {
		incidents: incidents.sort((a, b) => rank(a.status) - rank(b.status) || b.severity - a.severity)
	};
};
