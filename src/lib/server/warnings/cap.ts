/**
 * An approved warning as CAP 1.2: one `<info>` per language (tg, ru, en, in that order), each with
 * its own event name, texts and area name, the same severity, urgency, certainty and expiry. In
 * a drill's picture the alert is `Exercise` and names the drill, as every alert the EOC issues
 * there (alerts/issue.ts pictureOf); it is written by the same builder and stored by the same
 * path as the console's own alerts (xmlOf, storeCap).
 */
import type { CapAlert } from '$lib/contracts';
import type { Warning } from '../db/schema';
import { pictureOf } from '../alerts/issue';
import type { Indexed } from '../places/search';
import { areaNames, capAreaOf } from './area';
import { filled, hazardOf, TEMPLATES, WARNING_LANGS } from './templates';

/** The texts of a warning as they will be issued: `{area}` filled in each language. */
export function issuedTexts(
	w: Pick<Warning, 'texts' | 'places' | 'areaDesc'>,
	index?: readonly Indexed[]
) {
	return filled(w.texts, areaNames(w.places, w.areaDesc, index));
}

export function warningAlert(
	w: Warning,
	opts: { sender: string; eocName: string; now: Date; index?: readonly Indexed[] }
): CapAlert {
	const picture = pictureOf(w.exercise);
	const template = TEMPLATES[hazardOf(w.hazard)];
	const names = areaNames(w.places, w.areaDesc, opts.index);
	const texts = filled(w.texts, names);
	// One warning is one CAP alert: its identifier and sent time come from the warning and its
	// approval, not from the moment of issue, so a second issue (two clicks, approve in one tab and
	// issue in another, a retry after a crash between storing and marking) is the same alert,
	// which the CAP store keeps once (sender, identifier, sent).
	const at = w.decidedAt ?? opts.now;
	const sent = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
	return {
		identifier: `eocwall-${w.id}`,
		sender: opts.sender,
		sent,
		status: picture.status,
		msgType: 'Alert',
		scope: 'Public',
		code: [],
		...picture.head,
		info: WARNING_LANGS.map((lang) => ({
			language: lang,
			category: template.category,
			event: template.text[lang].event,
			responseType: template.responseType,
			urgency: w.urgency as CapAlert['info'][number]['urgency'],
			severity: w.severity as CapAlert['info'][number]['severity'],
			certainty: w.certainty as CapAlert['info'][number]['certainty'],
			eventCode: [],
			expires: new Date(w.expiresAt).toISOString(),
			senderName: opts.eocName,
			headline: texts[lang].headline,
			...(texts[lang].description ? { description: texts[lang].description } : {}),
			instruction: texts[lang].instruction,
			parameter: picture.parameter,
			area: [capAreaOf(w, names[lang], lang)]
		}))
	};
}
