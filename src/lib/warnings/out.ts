/**
 * The shapes of a warning's messages as the console shows them (computed on the server in
 * src/lib/server/warnings/out/progress.ts; read by the warning page and the sitrep).
 */
import type { SmsEncoding } from '$lib/sms/segments';
/** tg | ru | en: the languages of a warning (server/warnings/templates.ts WARNING_LANGS). */
type WarningLang = 'tg' | 'ru' | 'en';

/**
 * The most segments a warning's SMS takes. Three UCS-2 segments are 201 characters of Tajik or
 * Russian: enough for the headline and the key instruction, and a cost the EOC can bear per
 * contact.
 */
export const SMS_MAX_SEGMENTS = 3;

export const OUT_STATUSES = [
	'queued',
	'sending',
	'sent',
	'delivered',
	'failed',
	'unknown'
] as const;
export type OutStatus = (typeof OUT_STATUSES)[number];

export interface SmsPreview {
	lang: WarningLang;
	text: string;
	/** Characters as people count them (code points). */
	chars: number;
	units: number;
	encoding: SmsEncoding;
	segments: number;
}

export interface Reach {
	contacts: number;
	/** Per channel: addresses the warning would be queued to, and those no configured channel carries. */
	channels: { channel: string; addresses: number; unroutable: number }[];
}

export interface Progress {
	total: number;
	channels: { channel: string; counts: Record<OutStatus, number>; total: number }[];
	/** The failed and unknown ones (at most PROBLEMS_SHOWN), newest change first. */
	problems: { contact: string; channel: string; status: string; reason: string; at: number }[];
	problemsTotal: number;
}

export interface IssuedReach {
	id: string;
	/** The headline in each language, `{area}` filled. */
	headlines: Record<WarningLang, string>;
	issuedAt: number;
	contacts: number;
	channels: {
		channel: string;
		messages: number;
		sent: number;
		delivered: number;
		failed: number;
	}[];
}
