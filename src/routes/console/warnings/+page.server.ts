import { getLocale } from '$lib/i18n';
import { services } from '$lib/server/app/runtime';
import { placeIndex } from '$lib/server/places/index';
import { issuedTexts } from '$lib/server/warnings/cap';
import { listWarnings } from '$lib/server/warnings/store';
import { WARNING_LANGS, type WarningLang } from '$lib/server/warnings/templates';
import type { PageServerLoad } from './$types';

/** The warnings of the operator's picture, by where they stand. */
export const load: PageServerLoad = async ({ locals }) => {
	const locale = getLocale();
	const lang: WarningLang = (WARNING_LANGS as readonly string[]).includes(locale)
		? (locale as WarningLang)
		: 'en';
	const db = services().db;
	const index = await placeIndex(db);
	const rows = (await listWarnings(db, locals.exercise)).map((w) => ({
		id: w.id,
		status: w.status,
		hazard: w.hazard,
		severity: w.severity,
		headline: issuedTexts(w, index)[lang].headline,
		areaDesc: w.areaDesc,
		draftedBy: w.draftedBy,
		draftedAt: w.draftedAt.getTime(),
		decidedBy: w.decidedBy,
		decidedAt: w.decidedAt?.getTime() ?? null,
		rejectReason: w.rejectReason,
		fromAlarm: w.alarmId !== null
	}));
	return {
		me: locals.user?.email ?? '',
		awaiting: rows.filter((r) => r.status === 'draft'),
		decided: rows.filter((r) => r.status === 'approved' || r.status === 'issued'),
		rejected: rows.filter((r) => r.status === 'rejected')
	};
};
