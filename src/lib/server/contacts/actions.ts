/**
 * The contact page's form actions (/console/contacts): the grant checked again, the form or file
 * checked with fields.ts / import.ts, then the write in one transaction with its audit entry. A
 * refusal is a 4xx answer naming the action, the problem and its field, with the fields as typed
 * (nothing is retyped), and is audited too. A supervisor never sees full numbers, so their edit
 * form comes with the channels empty: empty keeps what the contact has, "-" removes it.
 */
import { randomUUID } from 'node:crypto';
import { fail, type RequestEvent } from '@sveltejs/kit';
import { CONTACT_FIELDS, CONTACT_ID, type ContactProblem } from '$lib/contacts/fields';
import { services } from '../app/runtime';
import { audit } from '../auth/audit';
import { allows } from '../auth/roles';
import { actorFor } from '../console/grants';
import { fieldsOf } from '../console/incident-forms';
import { contactLookup } from './area';
import { parseContact } from './fields';
import { CONTACT_ACTIONS, CONTACT_FULL } from './grants';
import { importVerdict, readUpload } from '../csv/upload';
import { MAX_IMPORT_BYTES, parseContactCsv } from './import';
import { contactIds, importContacts, readContact, setActive, upsertContact } from './store';

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;
export type ContactAction = keyof typeof CONTACT_ACTIONS;

const CHANNELS = ['phone', 'telegram_chat_id', 'email'] as const;
/** Typed into a channel of the edit form: remove that channel. */
export const REMOVE = '-';

/** A refused action, audited: its status and what the page shows beside the form. */
async function refuse(
	event: Event,
	target: string | null,
	status: 400 | 403 | 404 | 409 | 413,
	body: { action: ContactAction; problem: string; field?: string } & Record<string, unknown>
) {
	const who = actorFor(event);
	await audit(services().db, {
		actor: who.audit,
		address: who.address,
		action: 'contact.form-refused',
		target,
		detail: { action: body.action, problem: body.problem, field: body.field ?? '' }
	});
	return fail(status, body);
}

const notAllowed = (event: Event, action: ContactAction) =>
	allows(CONTACT_ACTIONS[action], event.locals.principal)
		? null
		: refuse(event, null, 403, { action, problem: 'not_allowed' });

const isAdmin = (event: Event) => allows(CONTACT_FULL, event.locals.principal);

function byField(problems: ContactProblem[]) {
	const out: Record<string, ContactProblem> = {};
	for (const p of problems) out[p.field] ??= p;
	return out;
}

/** Add (`isNew=1`) or edit one contact. */
export async function saveAction(event: Event) {
	const action = 'save' as const;
	const no = notAllowed(event, action);
	if (no) return no;
	const form = await event.request.formData();
	const fields = fieldsOf(form, CONTACT_FIELDS);
	const isNew = form.get('isNew') === '1';
	const db = services().db;
	// A new contact without an id gets one: the id only has to be unique and stable.
	if (isNew && !fields.id.trim()) fields.id = `c-${randomUUID().slice(0, 8)}`;
	const id = fields.id.trim();
	const had = id && CONTACT_ID.test(id) ? await readContact(db, id) : null;
	if (isNew && had)
		return refuse(event, id, 409, {
			action,
			fields,
			problem: 'contacts_problem_id_taken',
			field: 'id',
			problems: { id: { field: 'id', problem: 'contacts_problem_id_taken', params: { value: id } } }
		});
	if (!isNew && !had)
		return refuse(event, id || null, 404, {
			action,
			fields,
			problem: 'contacts_not_found',
			field: 'id'
		});
	const admin = isAdmin(event);
	const merged = { ...fields };
	if (had) {
		const current = { phone: had.phone, telegram_chat_id: had.telegramChatId, email: had.email };
		for (const c of CHANNELS) {
			const typed = fields[c].trim();
			if (typed === REMOVE) merged[c] = '';
			else if (typed === '' && !admin) merged[c] = current[c] ?? '';
		}
	}
	const lookup = await contactLookup(db, { anyGroup: admin });
	const parsed = parseContact(merged, lookup);
	if (!parsed.ok) {
		const first = parsed.problems[0];
		return refuse(event, id || null, 400, {
			action,
			// As typed: a channel a supervisor kept (not typed) is not sent back to their browser.
			fields,
			isNew,
			problem: first.problem,
			field: first.field,
			params: first.params ?? {},
			problems: byField(parsed.problems)
		});
	}
	const who = actorFor(event);
	const done = await db.transaction(async (tx) => {
		const how = await upsertContact(tx, parsed.value);
		await audit(tx, {
			actor: who.audit,
			address: who.address,
			action: how === 'added' ? 'contact.add' : 'contact.edit',
			target: parsed.value.id,
			detail: { name: parsed.value.name, area: parsed.value.areaLabel, groups: parsed.value.groups }
		});
		return how;
	});
	return { action, done, id: parsed.value.id, name: parsed.value.name };
}

/** Deactivate (`active=0`) or reactivate (`active=1`) one contact: it is kept, not sent to. */
export async function activeAction(event: Event) {
	const action = 'active' as const;
	const no = notAllowed(event, action);
	if (no) return no;
	const form = await event.request.formData();
	const id = String(form.get('id') ?? '').trim();
	const active = form.get('active') === '1';
	const db = services().db;
	const who = actorFor(event);
	const found = await db.transaction(async (tx) => {
		if (!(await setActive(tx, id, active))) return false;
		await audit(tx, {
			actor: who.audit,
			address: who.address,
			action: active ? 'contact.activate' : 'contact.deactivate',
			target: id
		});
		return true;
	});
	if (!found)
		return refuse(event, id || null, 404, { action, problem: 'contacts_not_found', field: 'id' });
	return { action, done: active ? 'activated' : 'deactivated', id };
}

/**
 * A CSV file checked whole, then all its rows written in one transaction, or none. With bad rows
 * nothing is written: the answer names each bad line with its reasons and counts the good ones;
 * the file sent again with `skipBad` and the counts shown (`expect`, "N/M") takes the good rows.
 */
export async function importAction(event: Event) {
	const action = 'import' as const;
	const no = notAllowed(event, action);
	if (no) return no;
	const read = await readUpload(await event.request.formData(), MAX_IMPORT_BYTES);
	if (!read.ok)
		return refuse(event, read.file, read.status, {
			action,
			problem: `contacts_${read.problem}`,
			field: 'file',
			params: read.params
		});
	const { upload } = read;
	const db = services().db;
	const who = actorFor(event);
	const lookup = await contactLookup(db, { anyGroup: isAdmin(event) });
	const r = parseContactCsv(upload.text, lookup, await contactIds(db));
	if (!r.ok)
		return refuse(event, upload.file.name, 400, {
			action,
			problem: r.problem,
			field: 'file',
			params: r.params ?? {}
		});
	const { preview, refused } = importVerdict(upload, r);
	if (refused) {
		await audit(db, {
			actor: who.audit,
			address: who.address,
			action: 'contact.import-refused',
			target: preview.file,
			detail: { good: preview.good, bad: preview.badCount, lines: r.bad.map((b) => b.line) }
		});
		return fail(400, { action, problem: `contacts_${refused}`, field: 'file', preview });
	}
	const counts = await db.transaction(async (tx) => {
		const written = await importContacts(tx, r.good);
		await audit(tx, {
			actor: who.audit,
			address: who.address,
			action: 'contact.import',
			target: preview.file,
			detail: { ...written, skipped: r.badCount, skippedLines: r.bad.map((b) => b.line) }
		});
		return written;
	});
	return { action, imported: { ...counts, skipped: r.badCount, file: preview.file } };
}
