import type { RequestEvent } from '@sveltejs/kit';
import QRCode from 'qrcode';

/** A QR code as one SVG path (dark modules), drawn on the server: the page needs no script. */
export interface QrDrawing {
	/** The side of the viewBox, quiet zone included. */
	size: number;
	/** The path of the dark modules, in module units. */
	path: string;
}

const QUIET = 4; // modules of white around it (ISO/IEC 18004)

/** The pairing link as a QR code (error correction M: readable off a screen at arm's length). */
export function qrDrawing(text: string): QrDrawing {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	const parts: string[] = [];
	for (let y = 0; y < n; y++) {
		// Runs of dark modules in a row: one rectangle each, a path far shorter than one per module.
		for (let x = 0; x < n; x++) {
			if (!modules.get(y, x)) continue;
			let w = 1;
			while (x + w < n && modules.get(y, x + w)) w++;
			parts.push(`M${x + QUIET} ${y + QUIET}h${w}v1h-${w}z`);
			x += w - 1;
		}
	}
	return { size: n + 2 * QUIET, path: parts.join('') };
}

/** What the phone opens: the code rides in the fragment, which no server log ever sees. */
export function pairingLink(origin: string, code: string): string {
	return `${origin}/field#pair=${code}`;
}

/**
 * The origin a phone reaches the app at: ORIGIN when set, else the one the admin's browser sent
 * its form from (the CSRF hook has checked it is this site's). Not `event.url`: without ORIGIN,
 * adapter-node assumes https, and a phone on an EOC's plain-http LAN would open nothing.
 */
export function publicOrigin(
	event: Pick<RequestEvent, 'request' | 'url'>,
	configured: string | undefined
): string {
	if (configured) return new URL(configured).origin;
	const sent = event.request.headers.get('origin');
	if (sent && sent !== 'null') return sent;
	return `http://${event.request.headers.get('host') ?? event.url.host}`;
}
