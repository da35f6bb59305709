import { clientAddress } from '$lib/server/auth/throttle';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf, audit } from '$lib/server/auth/audit';
import { TOKEN_KINDS } from '$lib/server/auth/roles';
import { createAccessToken, listAccessTokens, revokeAccessToken } from '$lib/server/auth/tokens';
import { services } from '$lib/server/app/runtime';
import type { Actions, PageServerLoad } from './$types';

const newToken = z.object({
	kind: z.enum(TOKEN_KINDS, { message: 'token_kind_invalid' }),
	name: z.string().trim().min(1, 'name_missing').max(80, 'name_too_long')
});

export const load: PageServerLoad = async () => ({
	tokens: (await listAccessTokens(services().db)).map((t) => ({
		id: t.id,
		kind: t.kind,
		name: t.name,
		createdBy: t.createdBy,
		createdAt: t.createdAt.getTime(),
		lastUsedAt: t.lastUsedAt?.getTime() ?? null,
		revoked: t.revokedAt !== null
	}))
});

export const actions: Actions = {
	/** The secret is in this answer only; the table keeps its hash. */
	create: async (event) => {
		const db = services().db;
		const form = await event.request.formData();
		const fields = { kind: String(form.get('kind') ?? ''), name: String(form.get('name') ?? '') };
		const parsed = newToken.safeParse(fields);
		if (!parsed.success) return fail(400, { fields, problem: parsed.error.issues[0].message });
		const actor = actorOf(event.locals.principal);
		const { token, row } = await createAccessToken(db, parsed.data.kind, parsed.data.name, actor);
		await audit(db, {
			actor,
			action: 'token-create',
			target: `${row.kind}:${row.name}`,
			detail: { id: row.id },
			address: clientAddress(event)
		});
		return { created: { name: row.name, kind: row.kind, token } };
	},
	revoke: async (event) => {
		const db = services().db;
		const id = String((await event.request.formData()).get('id') ?? '');
		const row = id ? await revokeAccessToken(db, id) : null;
		if (!row) return fail(404, { problem: 'token_not_found' });
		await audit(db, {
			actor: actorOf(event.locals.principal),
			action: 'token-revoke',
			target: `${row.kind}:${row.name}`,
			detail: { id: row.id },
			address: clientAddress(event)
		});
		return { revoked: row.name };
	}
};
