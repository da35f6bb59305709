/**
 * The register's import action: a CSV file checked whole (import.ts), then all its rows written in
 * one transaction, or none. With bad rows nothing is written: the answer names each bad line with
 * its reasons and counts the good ones. The operator may then send the file again with `skipBad`
 * ("import the N good rows, skip the M bad ones"), carrying the counts they were shown
 * (`expect`, "N/M"): a file that has changed since is checked again rather than taken.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { services } from '../app/runtime';
import { audit } from '../auth/audit';
import {
	existingResources,
	importResources,
	RegisterError,
	registerLookup
} from '../entities/resource/register';
import { recordChanges, type ChangeSet } from '../live/changes';
import { importVerdict, readUpload } from '../csv/upload';
import { MAX_IMPORT_BYTES, parseResourceCsv } from './import';
import { notAllowed, refuse, whoOf } from './register-actions';

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;

export async function importAction(event: Event) {
	const action = 'import' as const;
	const no = notAllowed(event, action);
	if (no) return no;
	const read = await readUpload(await event.request.formData(), MAX_IMPORT_BYTES);
	if (!read.ok)
		return refuse(event, read.file, read.status, {
			action,
			problem: `reg_${read.problem}`,
			field: 'file',
			...(read.problem === 'file_too_big' ? { params: read.params } : {})
		});
	const { upload } = read;
	const file = upload.file;
	const db = services().db;
	const who = whoOf(event);
	const lookup = await registerLookup(db);
	const r = parseResourceCsv(upload.text, lookup, await existingResources(db, null));
	if (!r.ok)
		return refuse(event, file.name, 400, {
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
			action: 'resource.import-refused',
			target: file.name,
			detail: {
				good: preview.good,
				bad: preview.badCount,
				lines: r.bad.map((b) => b.line)
			}
		});
		return refuse(event, file.name, 400, {
			action,
			problem: `reg_${refused}`,
			field: 'file',
			preview
		});
	}
	try {
		const counts = await db.transaction(async (tx) => {
			const changes: ChangeSet = new Map();
			const written = await importResources(tx, r.good, changes);
			await audit(tx, {
				actor: who.audit,
				address: who.address,
				action: 'resource.import',
				target: file.name,
				detail: {
					...written,
					skipped: r.badCount,
					skippedLines: r.bad.map((b) => b.line)
				}
			});
			await recordChanges(tx, changes);
			return written;
		});
		return { action, imported: { ...counts, skipped: r.badCount, file: file.name } };
	} catch (e) {
		if (!(e instanceof RegisterError)) throw e;
		return refuse(event, file.name, e.status, {
			action,
			problem: e.problem,
			field: 'file',
			params: e.params
		});
	}
}
