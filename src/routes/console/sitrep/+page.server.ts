import { error } from '@sveltejs/kit';
import { buildSitrep, periodSchema } from '$lib/server/console/sitrep';
import { services } from '$lib/server/app/runtime';
import { problemText } from '$lib/i18n/problem';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = periodSchema.safeParse({ hours: url.searchParams.get('hours') ?? undefined });
	if (!parsed.success) error(400, problemText(parsed.error.issues[0].message));
	return {
		hours: parsed.data.hours,
		preparedBy: locals.user?.name ?? '',
		sitrep: await buildSitrep(services().db, parsed.data.hours, Date.now(), locals.exercise)
	};
};
