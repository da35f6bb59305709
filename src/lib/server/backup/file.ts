/**
 * The backup file on disk: gzip when its name ends in `.gz` (read back by its magic bytes, whatever
 * its name), mode 600 as it holds password hashes and session digests, and written under a
 * `.partial` name that becomes the real one only when the backup is complete.
 */
import {
	createReadStream,
	createWriteStream,
	openSync,
	readSync,
	closeSync,
	statSync
} from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupFileError } from './format';

export interface BackupOut {
	write(line: string): Promise<void>;
	/** Flushes, closes and gives the file its name. */
	finish(): Promise<void>;
	/** Removes the partial file after a failure. */
	abort(): Promise<void>;
}

export function openBackupOut(path: string): BackupOut {
	const partial = `${path}.partial`;
	const file = createWriteStream(partial, { mode: 0o600 });
	const gzip = path.endsWith('.gz') ? createGzip() : null;
	if (gzip) gzip.pipe(file);
	const out: Writable = gzip ?? file;
	let failed: Error | null = null;
	const onError = (e: Error) => (failed ??= e);
	file.on('error', onError);
	gzip?.on('error', onError);
	// Lines go out in chunks of about 64 KiB: zlib handles each write as a job of its own, and a
	// write per row made a compressed backup seven times slower than a plain one.
	let pending: string[] = [];
	let size = 0;
	const flush = async () => {
		if (failed) throw failed;
		const chunk = pending.join('');
		pending = [];
		size = 0;
		if (chunk && !out.write(chunk))
			await new Promise<void>((resolve, reject) => {
				out.once('drain', resolve);
				file.once('error', reject);
			});
	};
	return {
		async write(line) {
			pending.push(line, '\n');
			size += line.length + 1;
			if (size >= 1 << 16) await flush();
		},
		async finish() {
			await flush();
			out.end();
			await finished(file);
			if (failed) throw failed;
			await rename(partial, path);
		},
		async abort() {
			out.destroy();
			file.destroy();
			await rm(partial, { force: true });
		}
	};
}

function isGzip(path: string): boolean {
	const fd = openSync(path, 'r');
	try {
		const magic = Buffer.alloc(2);
		return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
	} finally {
		closeSync(fd);
	}
}

/** Lines of a stream, without the line ends; a read error (a damaged gzip) names the file. */
async function* linesOf(input: Readable): AsyncGenerator<string> {
	const decoder = new StringDecoder('utf8');
	let rest = '';
	try {
		for await (const chunk of input) {
			rest += decoder.write(chunk as Buffer);
			let from = 0;
			for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', from)) {
				yield rest.slice(from, end).replace(/\r$/, '');
				from = end + 1;
			}
			rest = rest.slice(from);
		}
	} catch (e) {
		throw new BackupFileError(`cannot read: ${(e as Error).message}`);
	}
	rest += decoder.end();
	if (rest) yield rest;
}

/** The file's lines, or an error a person can act on when it cannot be read. */
export function readBackupLines(path: string): AsyncIterator<string> {
	let st;
	try {
		st = statSync(path);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new BackupFileError(
			`cannot read: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`
		);
	}
	if (!st.isFile()) throw new BackupFileError('not a file');
	let input: Readable = createReadStream(path);
	if (isGzip(path)) {
		const gunzip = createGunzip();
		input.on('error', (e) => gunzip.destroy(e));
		input = input.pipe(gunzip);
	}
	return linesOf(input);
}
