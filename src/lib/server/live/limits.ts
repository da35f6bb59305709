/**
 * A stream client that stops reading but stays connected would make the server buffer every change
 * for it. Past this many unread bytes it is cut off; it reconnects with Last-Event-ID and resumes
 * from the change log.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
