/**
 * A report's photo, made small on the phone before it is queued: the longest side at most
 * MAX_SIDE pixels, JPEG, and the quality (then the size) stepped down until it fits the
 * contract's MAX_PHOTO_BYTES. Only the result is kept: the original never leaves the phone.
 */
import { MAX_PHOTO_BYTES } from '$lib/contracts/vocabulary';

const MAX_SIDE = 1280;
const QUALITIES = [0.8, 0.65, 0.5, 0.4];

export interface PhotoResult {
	type: 'image/jpeg';
	data: string;
	bytes: number;
	width: number;
	height: number;
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob(
			(b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))),
			'image/jpeg',
			quality
		)
	);
}

async function base64(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/** Resizes and encodes; throws when the file is not an image the browser can read. */
export async function shrinkPhoto(file: Blob, limit = MAX_PHOTO_BYTES): Promise<PhotoResult> {
	const image = await createImageBitmap(file);
	try {
		let side = MAX_SIDE;
		for (;;) {
			const scale = Math.min(1, side / Math.max(image.width, image.height));
			const canvas = document.createElement('canvas');
			canvas.width = Math.max(1, Math.round(image.width * scale));
			canvas.height = Math.max(1, Math.round(image.height * scale));
			canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
			for (const q of QUALITIES) {
				const blob = await toBlob(canvas, q);
				if (blob.size <= limit)
					return {
						type: 'image/jpeg',
						data: await base64(blob),
						bytes: blob.size,
						width: canvas.width,
						height: canvas.height
					};
			}
			if (side <= 160) throw new Error('the photo could not be made small enough');
			side = Math.round(side * 0.7);
		}
	} finally {
		image.close();
	}
}
