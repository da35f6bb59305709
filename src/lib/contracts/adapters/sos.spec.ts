import { describe, expect, it } from 'vitest';
import { isSosText } from './sos';

describe('isSosText', () => {
	it.each([
		'SOS',
		'sos',
		'Sos trapped at bridge',
		'  SOS trapped at bridge',
		'SOS!',
		'SOS: two hurt',
		'СОС под мостом', // typed on a Cyrillic keyboard
		'help \u0007' // Meshtastic's alert bell
	])('counts %j', (text) => expect(isSosText(text)).toBe(true));

	it.each(['', 'SOSO', 'Sosnovka road clear', 'S O S', 'Road clear, no SOS', 'RPT flood 3 SOS'])(
		'does not count %j',
		(text) => expect(isSosText(text)).toBe(false)
	);
});
