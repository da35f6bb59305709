/**
 * The default kinds of resource (issue #15): the list every EOC starts with, written once in a
 * database's life at startup, before the demo seed (app/services.ts). A `meta` marker remembers
 * it, as for the default alarm rules: an admin who deletes a default kind (/admin/resource-kinds)
 * does not get it back on the next start. The ids are fixed: the drill scenarios, the demo
 * register and the stock alarm's examples name them.
 */
import type { ResourceClass } from '$lib/contracts';
import type { Database } from '../../db/types';

export interface DefaultKind {
	id: string;
	class: ResourceClass;
	unit: string;
	sort: number;
	names: { en: string; ru: string; tg: string };
}

const equipment = (id: string, en: string, ru: string, tg: string) => ({
	id,
	class: 'equipment' as const,
	unit: 'unit',
	names: { en, ru, tg }
});
const supply = (id: string, unit: string, en: string, ru: string, tg: string) => ({
	id,
	class: 'supply' as const,
	unit,
	names: { en, ru, tg }
});

/** In the EOC's order: equipment first, then supplies (`sort` in steps of 10, room between). */
export const DEFAULT_KINDS: readonly DefaultKind[] = [
	equipment('excavator', 'Excavator', 'Экскаватор', 'Экскаватор'),
	equipment('bulldozer', 'Bulldozer', 'Бульдозер', 'Булдозер'),
	equipment('dump_truck', 'Dump truck', 'Самосвал', 'Мошини худборфарор'),
	equipment('loader', 'Loader', 'Погрузчик', 'Борбардор'),
	equipment('crane', 'Truck crane', 'Автокран', 'Автокран'),
	equipment('water_pump', 'Water pump', 'Водяной насос', 'Насоси обкашӣ'),
	equipment('boat', 'Boat', 'Лодка', 'Қаиқ'),
	equipment('generator', 'Generator', 'Генератор', 'Генератор'),
	equipment('ambulance', 'Ambulance', 'Машина скорой помощи', 'Мошини ёрии таъҷилӣ'),
	equipment('fuel_tanker', 'Fuel tanker', 'Топливозаправщик', 'Мошини сӯзишворикашонӣ'),
	equipment('water_tanker', 'Water tanker', 'Водовоз', 'Мошини обкашонӣ'),
	supply('tent', 'pcs', 'Tent', 'Палатка', 'Хайма'),
	supply('water', 'l', 'Drinking water', 'Питьевая вода', 'Оби нӯшокӣ'),
	supply('food_kit', 'kit', 'Food kit', 'Продуктовый набор', 'Маҷмӯаи хӯрокворӣ'),
	supply('blanket', 'pcs', 'Blanket', 'Одеяло', 'Кӯрпа'),
	supply('hygiene_kit', 'kit', 'Hygiene kit', 'Гигиенический набор', 'Маҷмӯаи беҳдоштӣ'),
	supply('medical_kit', 'kit', 'Medical kit', 'Медицинская аптечка', 'Қуттии доруворӣ'),
	supply('sandbag', 'pcs', 'Sandbag', 'Мешок с песком', 'Халтаи рег')
].map((k, i) => ({ ...k, sort: (i + 1) * 10 }));

export const KINDS_MARKER = 'resource-kinds-seeded';

/**
 * Writes the default kinds once (the marker), each unless a kind of its id is there already (an
 * EOC that made its own first keeps it). Returns how many were written. Two instances starting
 * at once: the lock makes the second see the first's marker.
 */
export async function seedDefaultKinds(db: Database): Promise<number> {
	return db.transaction(async (t) => {
		await t.query(`select pg_advisory_xact_lock(hashtext('resource-kind-seed'))`);
		const marked = await t.query(
			`insert into meta (key, value, updated_at) values ($1, 'true'::jsonb, now())
			on conflict (key) do nothing returning key`,
			[KINDS_MARKER]
		);
		if (marked.length === 0) return 0;
		const rows = await t.query(
			`insert into resource_kind (id, names, class, unit, sort)
			select id, names, class, unit, sort
			from jsonb_to_recordset(($1::text)::jsonb)
				as x(id text, names jsonb, class text, unit text, sort int)
			on conflict (id) do nothing returning id`,
			[JSON.stringify(DEFAULT_KINDS)]
		);
		return rows.length;
	});
}
