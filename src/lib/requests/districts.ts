/**
 * The districts (nohiya) and cities of Khatlon region whose hukumat may request resources: the
 * pick list of the request form. A request stores the English name (it reads the same in the
 * audit log and exports); the screens show it in their language.
 */
import type { Locale } from '$lib/i18n';

export interface District {
	id: string;
	name: Record<Locale, string>;
}

const d = (id: string, en: string, ru: string, tg: string): District => ({
	id,
	name: { en, ru, tg }
});

/** Cities of regional subordination first, then the districts, each by its English name. */
export const KHATLON_DISTRICTS: readonly District[] = [
	d('kulob', 'Kulob', 'Куляб', 'Кӯлоб'),
	d('bokhtar', 'Bokhtar', 'Бохтар', 'Бохтар'),
	d('levakant', 'Levakant', 'Леваканд', 'Леваканд'),
	d('norak', 'Norak', 'Нурек', 'Норак'),
	d('abdurahmoni-jomi', 'Abdurahmoni Jomi', 'Абдурахмони Джоми', 'Абдурраҳмони Ҷомӣ'),
	d('baljuvon', 'Baljuvon', 'Бальджуван', 'Балҷувон'),
	d('bokhtar-district', 'Bokhtar district', 'Бохтарский район', 'Ноҳияи Бохтар'),
	d('danghara', 'Danghara', 'Дангара', 'Данғара'),
	d('dusti', 'Dusti', 'Дусти', 'Дӯстӣ'),
	d('farkhor', 'Farkhor', 'Фархор', 'Фархор'),
	d('hamadoni', 'Hamadoni', 'Хамадони', 'Ҳамадонӣ'),
	d('jaloliddini-balkhi', 'Jaloliddini Balkhi', 'Джалолиддини Балхи', 'Ҷалолиддини Балхӣ'),
	d('jayhun', 'Jayhun', 'Джайхун', 'Ҷайҳун'),
	d('khovaling', 'Khovaling', 'Ховалинг', 'Ховалинг'),
	d('khuroson', 'Khuroson', 'Хуросон', 'Хуросон'),
	d('kushoniyon', 'Kushoniyon', 'Кушониён', 'Кӯшониён'),
	d('muminobod', 'Muminobod', 'Муминабад', 'Мӯъминобод'),
	d('nosiri-khusrav', 'Nosiri Khusrav', 'Носири Хусрав', 'Носири Хусрав'),
	d('panj', 'Panj', 'Пяндж', 'Панҷ'),
	d('qubodiyon', 'Qubodiyon', 'Кубодиён', 'Қубодиён'),
	d('shahrituz', 'Shahrituz', 'Шаартуз', 'Шаҳритус'),
	d('shamsiddini-shohin', 'Shamsiddini Shohin', 'Шамсиддин Шохин', 'Шамсиддини Шоҳин'),
	d('temurmalik', 'Temurmalik', 'Темурмалик', 'Темурмалик'),
	d('vakhsh', 'Vakhsh', 'Вахш', 'Вахш'),
	d('vose', "Vose'", 'Восе', 'Восеъ'),
	d('yovon', 'Yovon', 'Явань', 'Ёвон')
];

const byEnglish = new Map(KHATLON_DISTRICTS.map((x) => [x.name.en, x]));

/** A district's name in `locale`, from the English name a request stores; other names as they are. */
export function districtName(stored: string, locale: Locale): string {
	return byEnglish.get(stored)?.name[locale] ?? stored;
}

/** Whether a stored requester is one of the list (the form refuses other district names). */
export const isDistrict = (name: string) => byEnglish.has(name);
