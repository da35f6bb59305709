/**
 * One file served with HTTP Range (RFC 9110 §14): PMTiles readers ask for byte ranges of one
 * archive (header, directories, tiles), never the whole file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → [start, end] inclusive; null when unsatisfiable. */
export function parseRange(header: string, size: number): [number, number] | null {
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return null;
	let start: number;
	let end: number;
	if (m[1] === '') {
		start = Math.max(0, size - Number(m[2]));
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	return start <= end && start < size ? [start, end] : null;
}

export async function serveFileRange(
	path: string,
	request: Request,
	contentType: string
): Promise<Response> {
	const info = await stat(path);
	const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
	const headers: Record<string, string> = {
		'accept-ranges': 'bytes',
		'content-type': contentType,
		'cache-control': 'no-cache',
		etag
	};
	const range = request.headers.get('range');
	const ifRange = request.headers.get('if-range');
	if (!range || (ifRange && ifRange !== etag)) {
		const body = request.method === 'HEAD' ? null : streamOf(path);
		return new Response(body, { headers: { ...headers, 'content-length': String(info.size) } });
	}
	const r = parseRange(range, info.size);
	if (!r) {
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'content-range': `bytes */${info.size}` }
		});
	}
	const [start, end] = r;
	return new Response(request.method === 'HEAD' ? null : streamOf(path, start, end), {
		status: 206,
		headers: {
			...headers,
			'content-range': `bytes ${start}-${end}/${info.size}`,
			'content-length': String(end - start + 1)
		}
	});
}

function streamOf(path: string, start?: number, end?: number): ReadableStream {
	return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
}
