import { error, fail } from '@sveltejs/kit';
import { getLocale } from '$lib/i18n';
import { services } from '$lib/server/app/runtime';
import { allows } from '$lib/server/auth/roles';
import { eocSender } from '$lib/server/alerts/issue';
import { fieldsOf } from '$lib/server/console/incident-forms';
import { readHazards } from '$lib/server/entities/hazard/read';
import { placeIndex } from '$lib/server/places/index';
import { readSettings } from '$lib/server/settings/store';
import {
	actorOfEvent,
	APPROVE,
	refusedFor,
	step,
	WARNING_ACTIONS,
	withWarningForm
} from '$lib/server/warnings/actions';
import { areaNames, hazardOfPlaces, placesOf, radiusOf, ringsOf } from '$lib/server/warnings/area';
import { issuedTexts } from '$lib/server/warnings/cap';
import { problemOf, rejectSchema } from '$lib/server/warnings/form';
import { issueWarning } from '$lib/server/warnings/issue';
import { resendWarning, warningOut } from '$lib/server/warnings/out/console';
import { routingOf } from '$lib/server/warnings/out/fanout';
import { warningFields } from '$lib/server/warnings/prefill';
import { decideWarning, readWarning, updateWarning } from '$lib/server/warnings/store';
import { hazardOf, TEMPLATES, WARNING_LANGS } from '$lib/server/warnings/templates';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** At most this many points of an area's outline go to the page's sketch. */
const SKETCH_POINTS = 400;

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = services().db;
	const w = await readWarning(db, params.id);
	const index = await placeIndex(db);
	// A drill's warning is seen in the drill's picture only, a real one in the real picture.
	if (!w || w.exercise !== locals.exercise) error(404, 'There is no such warning in this picture.');
	const me = locals.user?.email ?? '';
	const mine = w.draftedBy === me;
	const approver = allows(APPROVE, locals.principal);
	const texts = issuedTexts(w, index);
	const rings = ringsOf(w.area);
	const total = rings.reduce((n, r) => n + r.length, 0);
	const every = Math.max(1, Math.ceil(total / SKETCH_POINTS));
	const template = TEMPLATES[hazardOf(w.hazard)];
	return {
		warning: {
			id: w.id,
			status: w.status,
			hazard: w.hazard,
			severity: w.severity,
			urgency: w.urgency,
			certainty: w.certainty,
			areaDesc: w.areaDesc,
			expiresAt: w.expiresAt.getTime(),
			draftedBy: w.draftedBy,
			draftedAt: w.draftedAt.getTime(),
			decidedBy: w.decidedBy,
			decidedAt: w.decidedAt?.getTime() ?? null,
			/** The version the approver reads (sent back with the approval). */
			updatedAt: w.updatedAt.getTime(),
			rejectReason: w.rejectReason,
			alertId: w.alertId,
			alarmId: w.alarmId,
			capStatus: w.exercise === null ? 'Actual' : 'Exercise'
		},
		preview: WARNING_LANGS.map((lang) => ({
			lang,
			event: template.text[lang].event,
			...texts[lang]
		})),
		area: {
			name: areaNames(w.places, w.areaDesc, index)[getLocale()],
			hazardId: hazardOfPlaces(w.places),
			radiusKm: radiusOf(w.area),
			places: placesOf(w.places, getLocale(), index).map((p) => ({
				id: p.id,
				name: p.name,
				lat: p.lat,
				lon: p.lon
			})),
			rings: rings.map((r) => r.filter((_, i) => i % every === 0 || i === r.length - 1)),
			points: total
		},
		out: await warningOut(db, w, { index, routing: routingOf(services().messaging) }),
		fields: warningFields(w, undefined, index),
		extents: (await readHazards(db, locals.exercise)).map((h) => ({ id: h.id, kind: h.kind })),
		may: {
			edit: mine && w.status === 'draft',
			decide: approver && !mine && w.status === 'draft',
			issue: approver && w.status === 'approved',
			resend: approver && w.status === 'issued'
		},
		waitingOwn: mine && w.status === 'draft'
	};
};

async function issueAs(event: RequestEvent) {
	const settings = await readSettings(services().db);
	return issueWarning(services().db, event.params.id, actorOfEvent(event), event.locals.exercise, {
		sender: eocSender(services().config.ORIGIN),
		eocName: settings.eocName,
		messaging: services().messaging
	});
}

export const actions: Actions = {
	update: async (event) =>
		refusedFor(event, WARNING_ACTIONS.update, 'update') ??
		withWarningForm(event, 'update', event.params.id, async (f, actor) => {
			await updateWarning(services().db, event.params.id, f, actor, event.locals.exercise);
			return { saved: true };
		}),

	/** Approved by a second person, then issued at once through the CAP path. */
	approve: async (event) =>
		refusedFor(event, WARNING_ACTIONS.approve, 'approve') ??
		step('approve', async () => {
			const db = services().db;
			const seen = Number((await event.request.formData()).get('seen') ?? '');
			await decideWarning(
				db,
				event.params.id,
				{ approve: true, seen: Number.isSafeInteger(seen) ? seen : null },
				actorOfEvent(event),
				event.locals.exercise
			);
			return await issueAs(event);
		}),

	reject: async (event) => {
		const no = refusedFor(event, WARNING_ACTIONS.reject, 'reject');
		if (no) return no;
		const fields = fieldsOf(await event.request.formData(), ['reason']);
		const parsed = rejectSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'reject', fields, ...problemOf(parsed.error) });
		return step('reject', async () => {
			await decideWarning(
				services().db,
				event.params.id,
				{ approve: false, reason: parsed.data.reason },
				actorOfEvent(event),
				event.locals.exercise
			);
			return { rejected: true };
		});
	},

	/** Again, when the approval's issue was refused (the warning stays approved). */
	issue: async (event) =>
		refusedFor(event, WARNING_ACTIONS.issue, 'issue') ?? step('issue', () => issueAs(event)),

	/** The issued warning's failed messages queued again; the sender woken after the commit. */
	resend: async (event) =>
		refusedFor(event, WARNING_ACTIONS.resend, 'resend') ??
		step('resend', async () => {
			const n = await resendWarning(
				services().db,
				event.params.id,
				actorOfEvent(event),
				event.locals.exercise
			);
			services().messaging?.poke();
			return { requeued: n };
		})
};
