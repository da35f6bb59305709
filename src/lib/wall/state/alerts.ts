/** What the wall shows of CAP alerts, derived from the live state. Pure, so it is unit-tested. */
import type { AlertInfoView, AlertView } from '$lib/live/types';

/** CAP severity, most severe first; the wall's order and its 1-5 scale for colour and shape. */
export const CAP_SEVERITY_RANK: Record<AlertInfoView['severity'], number> = {
	Extreme: 5,
	Severe: 4,
	Moderate: 3,
	Minor: 2,
	Unknown: 1
};

/** An alert as one line on the wall: its info block in the screen's language. */
export interface ActiveAlert {
	id: string;
	headline: string;
	event: string;
	severity: AlertInfoView['severity'];
	expiresAt: string;
	exercise: string | null;
	areas: AlertInfoView['area'];
}

/**
 * The info block for a screen language: CAP `language` is RFC 3066 ("ru", "tg-TJ", "en-US"), so
 * the primary subtag decides; else English; else the first.
 */
export function infoFor(alert: AlertView, locale: string): AlertInfoView | undefined {
	const primary = (l: string) => l.toLowerCase().split('-')[0];
	return (
		alert.info.find((i) => primary(i.language) === locale) ??
		alert.info.find((i) => primary(i.language) === 'en') ??
		alert.info[0]
	);
}

/** Alerts shown and not expired at `now`, most severe first, then the soonest to expire. */
export function activeAlerts(
	alerts: Iterable<AlertView>,
	now: number,
	locale: string
): ActiveAlert[] {
	const out: ActiveAlert[] = [];
	for (const a of alerts) {
		if (!a.shown || Date.parse(a.expiresAt) <= now) continue;
		const info = infoFor(a, locale);
		if (!info) continue;
		// Several info blocks in one language are several events or areas; other languages are
		// translations of them. The most severe of the screen's language stands for the alert.
		const same = a.info.filter((i) => i.language === info.language);
		const top = same.reduce((m, i) =>
			CAP_SEVERITY_RANK[i.severity] > CAP_SEVERITY_RANK[m.severity] ? i : m
		);
		out.push({
			id: a.id,
			headline: top.headline || top.event,
			event: top.event,
			severity: top.severity,
			expiresAt: a.expiresAt,
			exercise: a.exercise,
			areas: same.flatMap((i) => i.area)
		});
	}
	return out.sort(
		(x, y) =>
			CAP_SEVERITY_RANK[y.severity] - CAP_SEVERITY_RANK[x.severity] ||
			x.expiresAt.localeCompare(y.expiresAt)
	);
}
