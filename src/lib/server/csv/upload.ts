/**
 * The steps every CSV import of the console shares (the resource register's, the contacts'): the
 * file read from the form within its size, and the verdict on a checked file. With bad rows
 * nothing is written; the sender may send the file again with `skipBad` ("import the N good rows,
 * skip the M bad ones"), carrying the counts they were shown (`expect`, "N/M"): a file that has
 * changed since is checked again rather than taken. Problem keys are the page's prefix plus these
 * suffixes (reg_file_missing, contacts_import_changed, …).
 */
export interface Upload {
	file: File;
	text: string;
	skipBad: boolean;
	expect: string;
}

export type UploadRead =
	| { ok: true; upload: Upload }
	| {
			ok: false;
			status: 400 | 413;
			problem: 'file_missing' | 'file_too_big';
			params: Record<string, number>;
			file: string | null;
	  };

/** The form's `file` (at most `maxBytes`), and the sender's choice about bad rows. */
export async function readUpload(form: FormData, maxBytes: number): Promise<UploadRead> {
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0)
		return { ok: false, status: 400, problem: 'file_missing', params: {}, file: null };
	if (file.size > maxBytes)
		return {
			ok: false,
			status: 413,
			problem: 'file_too_big',
			params: { mb: maxBytes / 1024 / 1024 },
			file: file.name
		};
	return {
		ok: true,
		upload: {
			file,
			text: await file.text(),
			skipBad: form.get('skipBad') === '1',
			expect: String(form.get('expect') ?? '')
		}
	};
}

/** What the page shows of a checked file. */
export interface ImportPreview<B> {
	file: string;
	good: number;
	updates: number;
	badCount: number;
	bad: B[];
}

/**
 * The preview of a checked file, and why it is not taken (a problem suffix), or null when it is:
 * no bad row, or the sender chose to skip the bad rows of exactly the counts they were shown.
 */
export function importVerdict<B>(
	upload: Upload,
	r: { good: readonly unknown[]; updates: number; badCount: number; bad: B[] }
): {
	preview: ImportPreview<B>;
	refused: 'import_none_good' | 'import_changed' | 'import_bad_rows' | null;
} {
	const preview = {
		file: upload.file.name,
		good: r.good.length,
		updates: r.updates,
		badCount: r.badCount,
		bad: r.bad
	};
	const shown = `${preview.good}/${preview.badCount}`;
	if (r.badCount === 0 || (upload.skipBad && upload.expect === shown && r.good.length > 0))
		return { preview, refused: null };
	const refused =
		r.good.length === 0
			? 'import_none_good'
			: upload.skipBad
				? 'import_changed'
				: 'import_bad_rows';
	return { preview, refused };
}
