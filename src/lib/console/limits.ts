/** Bounds the console's forms share with the server's validation (src/lib/server/console/). */

/** A log entry's text, in UTF-16 code units as a browser's `maxlength` counts them. */
export const LOG_TEXT_MAX = 2000;
/** The EOC's name, as `settingsSchema` allows it. */
export const EOC_NAME_MAX = 80;
/** A team silent for longer than this many minutes is stale; at most a day. */
export const STALE_MIN_MAX = 24 * 60;
/** More people than any shelter could hold: a typing slip, not an overfull shelter. */
export const OCCUPANCY_MAX = 100_000;
