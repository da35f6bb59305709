/**
 * The two questions the messaging asks of the contacts: who is in a warned area, and who sent
 * this message (by number or chat id).
 */
import booleanIntersects from '@turf/boolean-intersects';
import type { Contact } from '../db/schema';
import type { Queryable } from '../db/types';
import type { ChannelName } from '../messaging/channel';

const columns = `id, name, role, organisation, lang, phone, telegram_chat_id as "telegramChatId",
	email, groups, area_kind as "areaKind", area_label as "areaLabel", area, team_id as "teamId",
	exercise_test as "exerciseTest", active, created_at as "createdAt", updated_at as "updatedAt"`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function contactRow(r: Record<string, unknown>): Contact {
	return {
		...(r as unknown as Contact),
		groups: json(r.groups),
		area: json(r.area),
		createdAt: new Date(r.createdAt as string),
		updatedAt: new Date(r.updatedAt as string)
	};
}

/**
 * The active contacts whose area meets the warned area. A drill's warning (`exerciseTest`) goes
 * only to the exercise's test contacts; a real one never goes to them.
 */
export async function contactsInArea(
	q: Queryable,
	area: GeoJSON.Polygon | GeoJSON.MultiPolygon,
	opts: { exerciseTest: boolean }
): Promise<Contact[]> {
	const rows = await q.query(
		`select ${columns} from contact where active and exercise_test = $1 order by id`,
		[opts.exerciseTest]
	);
	return rows.map(contactRow).filter((c) => booleanIntersects(c.area, area));
}

export interface Sender {
	contactId: string | null;
	teamId: string | null;
	name: string | null;
	lang: string | null;
}

/** Who sent a message: a known contact (and their team) by number or chat id; else nobody. */
export async function findSender(
	q: Queryable,
	channel: ChannelName,
	address: string
): Promise<Sender> {
	const column = channel === 'telegram' ? 'telegram_chat_id' : 'phone';
	const [r] = await q.query<{ id: string; teamId: string | null; name: string; lang: string }>(
		`select id, team_id as "teamId", name, lang from contact
		where active and ${column} = $1 order by team_id nulls last, id limit 1`,
		[address]
	);
	return r
		? { contactId: r.id, teamId: r.teamId, name: r.name, lang: r.lang }
		: { contactId: null, teamId: null, name: null, lang: null };
}
