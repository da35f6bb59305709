/**
 * An issued warning's messages: one outbox row per contact in the warned area and per address
 * they have (SMS, Telegram, email), in the contact's language, written in the transaction that
 * marks the warning issued, so the warning is issued with its messages or not at all. A drill's
 * warning goes only to the drill's test contacts, every text starting with EXERCISE.
 */
import type { Contact, Warning } from '../../db/schema';
import type { Queryable } from '../../db/types';
import { contactsInArea } from '../../contacts/query';
import type { ChannelName } from '../../messaging/channel';
import type { Messaging } from '../../messaging';
import { enqueue, type OutboxItem } from '../../messaging/outbox/enqueue';
import { contactRoutes, type Routing } from '../../messaging/outbox/routes';
import type { Indexed } from '../../places/search';
import { areaNames } from '../area';
import { issuedTexts } from '../cap';
import { fullText, smsText, warningLang } from './texts';

/**
 * The routing where messaging is not running (a tool working on the database without the app):
 * every address is queued on its own channel, SMS on the gateway (the EOC's default SMS path), so
 * that nothing is lost and the sender works the rows when the app starts. In the app, messaging's
 * routing (the configured channels, the SMPP prefixes) decides, and an address no configured
 * channel carries is written failed with the reason, counted on the console.
 */
export const PENDING_ROUTING: Routing = {
	configured: new Set<ChannelName>(['sms_gateway', 'telegram', 'email']),
	smppPrefixes: []
};

export const routingOf = (m: Pick<Messaging, 'routing'> | null | undefined): Routing =>
	m?.routing ?? PENDING_ROUTING;

export const isSms = (ch: string) => ch === 'sms_gateway' || ch === 'smpp';

export const outboxKey = (warningId: string, contactId: string, channel: string) =>
	`warning:${warningId}:${contactId}:${channel}`;

type Issued = Pick<
	Warning,
	'id' | 'texts' | 'places' | 'areaDesc' | 'area' | 'expiresAt' | 'exercise'
>;

/** Who the warning reaches now: the active contacts in its area, of its picture. */
export function reached(q: Queryable, w: Pick<Warning, 'area' | 'exercise'>): Promise<Contact[]> {
	return contactsInArea(q, w.area, {
		exerciseTest: w.exercise !== null
	});
}

/** The rows of a warning for these contacts (pure: the console's reach count uses it too). */
export function warningItems(
	w: Issued,
	contacts: readonly Contact[],
	o: { index?: readonly Indexed[]; routing: Routing; createdBy: string | null }
): OutboxItem[] {
	const texts = issuedTexts(w, o.index);
	const names = areaNames(w.places, w.areaDesc, o.index);
	const exercise = w.exercise !== null;
	const items: OutboxItem[] = [];
	for (const c of contacts) {
		const lang = warningLang(c.lang);
		const full = fullText(texts[lang], lang, {
			area: names[lang],
			expiresAt: w.expiresAt,
			exercise
		});
		for (const r of contactRoutes(c, o.routing)) {
			const sms = isSms(r.channel);
			items.push({
				key: outboxKey(w.id, c.id, r.channel),
				sourceKind: 'warning',
				sourceId: w.id,
				contactId: c.id,
				channel: r.channel,
				address: r.address,
				lang,
				subject: r.channel === 'email' ? full.subject : null,
				body: sms ? smsText(texts[lang], lang, exercise) : full.body,
				exercise: w.exercise,
				createdBy: o.createdBy,
				...(r.failed ? { failed: r.failed } : {})
			});
		}
	}
	return items;
}

/** Writes the warning's rows in the caller's transaction; how many were new. */
export async function enqueueWarning(
	tx: Queryable,
	w: Issued,
	o: { index?: readonly Indexed[]; routing: Routing; createdBy: string | null }
): Promise<number> {
	return enqueue(tx, warningItems(w, await reached(tx, w), o));
}
