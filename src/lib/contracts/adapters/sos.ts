/**
 * A call for help typed on a radio (docs/alarms.md, "Emergency flag from devices"): a Meshtastic
 * text that starts with `SOS` (any case, then nothing, a space or punctuation: "SOS", "sos
 * trapped at bridge", "SOS!"), or one carrying the bell character (U+0007) that Meshtastic's
 * "alert bell" sends. `СОС` typed on a Cyrillic keyboard (it looks the same) counts too.
 * "SOSO", "Sosnovka" or a text with SOS further on do not.
 */
const SOS = /^\s*[SsСс][OoОо][SsСс](?![\p{L}\p{N}])/u;
const BELL = '\u0007';

export function isSosText(text: string): boolean {
	return SOS.test(text) || text.includes(BELL);
}
