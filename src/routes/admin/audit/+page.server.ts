import { error } from '@sveltejs/kit';
import { readAudit } from '$lib/server/auth/audit';
import { services } from '$lib/server/app/runtime';
import type { PageServerLoad } from './$types';

const PAGE = 100;

export const load: PageServerLoad = async ({ url }) => {
	const raw = url.searchParams.get('before');
	const before = raw === null ? undefined : Number(raw);
	if (before !== undefined && !(Number.isSafeInteger(before) && before > 0))
		error(400, '`before` must be a positive whole number (an entry id).');
	const rows = await readAudit(services().db, PAGE + 1, before);
	return {
		entries: rows.slice(0, PAGE).map((r) => ({
			id: r.id,
			ts: r.ts.getTime(),
			actor: r.actor,
			action: r.action,
			target: r.target,
			detail: r.detail ? JSON.stringify(r.detail) : null,
			address: r.address
		})),
		older: rows.length > PAGE ? rows[PAGE - 1].id : null
	};
};
