import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { acknowledgeAlarm, ACK_COMMENT_MAX } from '$lib/server/alarms/ack';
import { jsonBody } from '$lib/server/alarms/http';
import { actorOf } from '$lib/server/auth/audit';
import { allows, OPERATE } from '$lib/server/auth/roles';
import { clientAddress } from '$lib/server/auth/throttle';
import { services } from '$lib/server/app/runtime';
import type { RequestHandler } from './$types';

const body = z.strictObject({ comment: z.string().max(ACK_COMMENT_MAX).nullish() }).default({});

const STATUS = { not_found: 404, already_acknowledged: 409, comment_too_long: 400 } as const;

/** Acknowledges an alarm (operators): JSON `{comment}` (optional). Audited and streamed. */
export const POST: RequestHandler = async (event) => {
	if (!allows(OPERATE, event.locals.principal ?? null))
		error(403, 'Only an operator acknowledges alarms.');
	const raw = event.request.headers.get('content-length') === '0' ? {} : await jsonBody(event);
	const parsed = body.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.map(String).join('.') || null;
		return json({ error: `${field ?? 'body'}: ${issue.message}`, field }, { status: 400 });
	}
	const r = await acknowledgeAlarm(services().db, {
		id: event.params.id,
		actorId: actorOf(event.locals.principal),
		comment: parsed.data.comment ?? null,
		address: clientAddress(event)
	});
	if (r.ok) return json({ ok: true });
	return json({ error: r.problem, problem: r.problem }, { status: STATUS[r.problem] });
};
