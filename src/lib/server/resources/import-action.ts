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
import { MAX_IMPORT_BYTES, parseResourceCsv, type BadRow } from './import';
import { notAllowed, refuse, whoOf } from './register-actions';

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;

/** What the page shows of a checked file. */
export interface ImportPreview {
	file: string;
	good: number;
	updates: number;
	badCount: number;
	bad: BadRow[];
}

export async function importAction(event: Event) {
	const action = 'import' as const;
	const no = notAllowed(event, action);
	if (no) return no;
	const form = await event.request.formData();
	const file = form.get('file');
	const skipBad = form.get('skipBad') === '1';
	const expect = String(form.get('expect') ?? '');
	if (!(file instanceof File) || file.size === 0)
		return refuse(event, null, 400, { action, problem: 'reg_file_missing', field: 'file' });
	if (file.size > MAX_IMPORT_BYTES)
		return refuse(event, file.name, 413, {
			action,
			problem: 'reg_file_too_big',
			field: 'file',
			params: { mb: MAX_IMPORT_BYTES / 1024 / 1024 }
		});
	const text = await file.text();
	const db = services().db;
	const who = whoOf(event);
	const check = async () => {
		const lookup = await registerLookup(db);
		return parseResourceCsv(text, lookup, await existingResources(db, null));
	};
	const r = await check();
	if (!r.ok)
		return refuse(event, file.name, 400, {
			action,
			problem: r.problem,
			field: 'file',
			params: r.params ?? {}
		});
	const preview: ImportPreview = {
		file: file.name,
		good: r.good.length,
		updates: r.updates,
		badCount: r.badCount,
		bad: r.bad
	};
	const shown = `${preview.good}/${preview.badCount}`;
	if (r.badCount > 0 && (!skipBad || expect !== shown || r.good.length === 0)) {
		const problem =
			r.good.length === 0
				? 'reg_import_none_good'
				: skipBad
					? 'reg_import_changed'
					: 'reg_import_bad_rows';
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
		return refuse(event, file.name, 400, { action, problem, field: 'file', preview });
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
