import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Every time is stored in UTC as timestamptz and read as a Date. */
export const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes (a dead letter's payload, a photo). */
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
