/**
 * The contact page's words: a problem of a field or a file in the screen's language (the register's
 * lookup of a message key, with the values every contact message may name), the groups, languages
 * and kinds of area by their codes (a code without words, an admin's own group, as it is).
 */
import { m } from '$lib/paraglide/messages';
import { registerProblem, type RegisterAnswer } from '$lib/resources/register-words';
import type { ContactView } from './fields';

export type ContactAnswer = RegisterAnswer & {
	id?: string;
	isNew?: boolean;
	imported?: RegisterAnswer['imported'];
};

/** What the page's messages name besides their own values: the polygon's format. */
const COMMON = { format: 'GeoJSON' };

export const contactProblem = (
	key: string | null | undefined,
	params: Record<string, string | number> = {}
) => registerProblem(key, { ...COMMON, ...params });

const messages = m as unknown as Record<string, (() => string) | undefined>;
const word = (prefix: string, code: string) => messages[`contacts_${prefix}_${code}`]?.() ?? code;

export const groupWord = (g: string) => word('group', g);
export const langWord = (l: string) => word('lang', l);
export const areaKindWord = (k: string) => word('area', k);

/** The channels a contact has, each with its (masked or full) address. */
export function channelsOf(c: ContactView): { kind: string; label: string; address: string }[] {
	const out: { kind: string; label: string; address: string }[] = [];
	if (c.phone) out.push({ kind: 'phone', label: m.contacts_channel_phone(), address: c.phone });
	if (c.telegramChatId)
		out.push({ kind: 'chat', label: m.contacts_channel_chat(), address: c.telegramChatId });
	if (c.email) out.push({ kind: 'email', label: m.contacts_channel_email(), address: c.email });
	return out;
}
