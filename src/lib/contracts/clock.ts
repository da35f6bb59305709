/** Time bounds every message shares, whatever its format. */

/** A time further ahead than this is a skewed device clock, not an event (docs/design.md). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
