/**
 * The warning templates: one per hazard, in the three languages of the CAP message (Tajik,
 * Russian, English), each short and actionable: what, where (`{area}`, filled per language with
 * the names of the warned places or the area's description), what to do. An operator starts
 * from one and edits; the texts keep `{area}` until the warning is previewed or issued.
 */
import type {
	CAP_CATEGORY,
	CAP_CERTAINTY,
	CAP_RESPONSE_TYPE,
	CAP_SEVERITY,
	CAP_URGENCY
} from '$lib/contracts';

type CapCategory = (typeof CAP_CATEGORY)[number];
type CapResponseType = (typeof CAP_RESPONSE_TYPE)[number];
export type CapSeverity = (typeof CAP_SEVERITY)[number];
export type CapUrgency = (typeof CAP_URGENCY)[number];
export type CapCertainty = (typeof CAP_CERTAINTY)[number];

export const HAZARDS = ['mudflow', 'flood', 'landslide', 'earthquake', 'other'] as const;
export type Hazard = (typeof HAZARDS)[number];

/** The languages of a warning, in the order of its CAP info blocks. */
export const WARNING_LANGS = ['tg', 'ru', 'en'] as const;
export type WarningLang = (typeof WARNING_LANGS)[number];

/** The token a text carries where the area's name goes. */
export const AREA_TOKEN = '{area}';

export type WarningText = { headline: string; description: string; instruction: string };

export interface LangText {
	/** CAP `event`: the hazard's name. */
	event: string;
	headline: string;
	description: string;
	instruction: string;
}

export interface Template {
	category: CapCategory[];
	responseType: CapResponseType[];
	severity: CapSeverity;
	urgency: CapUrgency;
	certainty: CapCertainty;
	text: Record<WarningLang, LangText>;
}

export const TEMPLATES: Record<Hazard, Template> = {
	mudflow: {
		category: ['Geo', 'Met'],
		responseType: ['Evacuate'],
		severity: 'Severe',
		urgency: 'Immediate',
		certainty: 'Likely',
		text: {
			tg: {
				event: 'Сел',
				headline: 'Хатари сел — {area}',
				description:
					'Сел интизор аст ё аллакай омада истодааст. Об, лой ва санг метавонанд ногаҳон аз водиҳо ва мачрои дарёҳо фароянд. Минтақа: {area}.',
				instruction:
					'Фавран аз мачрои дарё, сойҳо ва соҳилҳои паст ба ҷойи баланд равед. Аз дарё ва пулҳо нагузаред. Ҳуҷҷатҳо, об ва доруҳоро гиред. Ба дастурҳои КҲФ ва МГ ва ҷамоат амал кунед.'
			},
			ru: {
				event: 'Сель',
				headline: 'Угроза селя — {area}',
				description:
					'Ожидается или уже идёт сель. Вода, грязь и камни могут внезапно сойти по долинам и руслам рек. Район: {area}.',
				instruction:
					'Немедленно уйдите от русел, оврагов и низких берегов на возвышенность. Не переходите реки и мосты. Возьмите документы, воду и лекарства. Выполняйте указания КЧС и ГО и джамоата.'
			},
			en: {
				event: 'Mudflow',
				headline: 'Mudflow warning — {area}',
				description:
					'A mudflow is expected or under way. Water, mud and stones can come down the valleys and riverbeds suddenly. Area: {area}.',
				instruction:
					'Move away from riverbeds, gullies and low banks to higher ground now. Do not cross streams or bridges. Take documents, water and medicines. Follow the instructions of the CoES and the jamoat.'
			}
		}
	},
	flood: {
		category: ['Met'],
		responseType: ['Evacuate'],
		severity: 'Severe',
		urgency: 'Expected',
		certainty: 'Likely',
		text: {
			tg: {
				event: 'Обхезӣ',
				headline: 'Хатари обхезӣ — {area}',
				description:
					'Сатҳи об дар дарёҳо зуд баланд мешавад ва об метавонад кӯчаҳо, хонаҳо ва киштзорҳоро зер кунад. Минтақа: {area}.',
				instruction:
					'Одамон ва чорворо ба ҷойи баланд баред, ашёи қиматбаҳоро боло гузоред. Аз оби ҷорӣ пиёда ё бо мошин нагузаред. Агар об ба хона ворид шавад, барқ ва газро хомӯш кунед. Ба дастурҳои КҲФ ва МГ амал кунед.'
			},
			ru: {
				event: 'Наводнение',
				headline: 'Угроза наводнения — {area}',
				description:
					'Уровень воды в реках быстро растёт, вода может затопить улицы, дома и поля. Район: {area}.',
				instruction:
					'Переведите людей и скот на возвышенность, поднимите ценные вещи. Не ходите и не ездите через текущую воду. Если вода входит в дом, отключите электричество и газ. Выполняйте указания КЧС и ГО.'
			},
			en: {
				event: 'Flood',
				headline: 'Flood warning — {area}',
				description:
					'River levels are rising fast; water may flood streets, houses and fields. Area: {area}.',
				instruction:
					'Move people and livestock to higher ground and raise valuables. Do not walk or drive through moving water. If water enters the house, switch off electricity and gas. Follow the instructions of the CoES.'
			}
		}
	},
	landslide: {
		category: ['Geo'],
		responseType: ['Evacuate'],
		severity: 'Severe',
		urgency: 'Immediate',
		certainty: 'Likely',
		text: {
			tg: {
				event: 'Ярч',
				headline: 'Хатари ярч — {area}',
				description:
					'Нишебӣ ҳаракат мекунад ё метавонад фурояд; санг ва хок метавонанд роҳҳоро банд ва хонаҳоро зер кунанд. Минтақа: {area}.',
				instruction:
					'Фавран хонаҳои дар нишебӣ ва зери он бударо тарк кунед. Аз ҷойи ярч дур шавед ва аз роҳи поёни он истифода набаред. Дар бораи тарқишҳои нав ё афтидани санг ба КҲФ ва МГ хабар диҳед.'
			},
			ru: {
				event: 'Оползень',
				headline: 'Угроза оползня — {area}',
				description:
					'Склон движется или может обрушиться; камни и грунт могут перекрыть дороги и засыпать дома. Район: {area}.',
				instruction:
					'Немедленно покиньте дома на склоне и под ним. Держитесь подальше от оползня и не ездите по дороге под ним. Сообщайте в КЧС и ГО о новых трещинах и камнепаде.'
			},
			en: {
				event: 'Landslide',
				headline: 'Landslide warning — {area}',
				description:
					'The slope is moving or may collapse; rocks and earth can block roads and bury houses. Area: {area}.',
				instruction:
					'Leave houses on and below the slope now. Keep away from the slide and do not use the road below it. Report new cracks or falling stones to the CoES.'
			}
		}
	},
	earthquake: {
		category: ['Geo'],
		responseType: ['Avoid'],
		severity: 'Severe',
		urgency: 'Immediate',
		certainty: 'Observed',
		text: {
			tg: {
				event: 'Заминларза',
				headline: 'Заминларза: такони такрорӣ мумкин аст — {area}',
				description:
					'Заминларзаи шадид ҳис карда шуд; такони такрорӣ мумкин аст ва биноҳои осебдида метавонанд фурӯ резанд. Минтақа: {area}.',
				instruction:
					'Ба биноҳои осебдида надароед. Аз деворҳо, сутунҳо ва симҳо дур бошед. Ҳангоми такони нав: хам шавед, паноҳ гиред, маҳкам доред. Ба ҳамсояҳо кӯмак кунед; дар бораи захмиён ва зери хароба мондагон ба КҲФ ва МГ хабар диҳед.'
			},
			ru: {
				event: 'Землетрясение',
				headline: 'Землетрясение: возможны повторные толчки — {area}',
				description:
					'Ощущалось сильное землетрясение; возможны повторные толчки, повреждённые здания могут обрушиться. Район: {area}.',
				instruction:
					'Не входите в повреждённые здания. Держитесь подальше от стен, столбов и проводов. При новом толчке: пригнитесь, укройтесь, держитесь. Помогите соседям; сообщайте в КЧС и ГО о раненых и заваленных.'
			},
			en: {
				event: 'Earthquake',
				headline: 'Earthquake: aftershocks possible — {area}',
				description:
					'A strong earthquake was felt; aftershocks may follow and damaged buildings may collapse. Area: {area}.',
				instruction:
					'Stay out of damaged buildings. Keep away from walls, poles and wires. At a new shock: drop, cover, hold on. Help your neighbours; report injured and trapped people to the CoES.'
			}
		}
	},
	other: {
		category: ['Safety'],
		responseType: ['Monitor'],
		severity: 'Moderate',
		urgency: 'Expected',
		certainty: 'Possible',
		text: {
			tg: {
				event: 'Ҳолати фавқулодда',
				headline: 'Огоҳӣ дар бораи ҳолати фавқулодда — {area}',
				description: 'Ҳолати фавқулодда ба амал омадааст. Минтақа: {area}.',
				instruction:
					'Ба дастурҳои КҲФ ва МГ ва мақомоти маҳаллӣ амал кунед. Аз минтақаи хатарнок дур бошед. Хабарҳои радио ва ҷамоатро пайгирӣ кунед.'
			},
			ru: {
				event: 'Чрезвычайная ситуация',
				headline: 'Предупреждение о ЧС — {area}',
				description: 'Произошла чрезвычайная ситуация. Район: {area}.',
				instruction:
					'Выполняйте указания КЧС и ГО и местных властей. Держитесь подальше от опасной зоны. Следите за сообщениями по радио и джамоата.'
			},
			en: {
				event: 'Emergency',
				headline: 'Emergency warning — {area}',
				description: 'An emergency is under way. Area: {area}.',
				instruction:
					'Follow the instructions of the CoES and the local authorities. Keep away from the danger area. Listen to the radio and the jamoat for updates.'
			}
		}
	}
};

/** A template's texts in every language, as a warning stores them (without the event name). */
export function templateTexts(hazard: Hazard): Record<WarningLang, WarningText> {
	const t = TEMPLATES[hazard].text;
	return {
		tg: { headline: t.tg.headline, description: t.tg.description, instruction: t.tg.instruction },
		ru: { headline: t.ru.headline, description: t.ru.description, instruction: t.ru.instruction },
		en: { headline: t.en.headline, description: t.en.description, instruction: t.en.instruction }
	};
}

/** The texts with `{area}` filled in each language (the area's name in that language). */
export function filled(
	texts: Record<WarningLang, WarningText>,
	area: Record<WarningLang, string>
): Record<WarningLang, WarningText> {
	const put = (s: string, lang: WarningLang) => s.split(AREA_TOKEN).join(area[lang]);
	return Object.fromEntries(
		WARNING_LANGS.map((l) => [
			l,
			{
				headline: put(texts[l].headline, l),
				description: put(texts[l].description, l),
				instruction: put(texts[l].instruction, l)
			}
		])
	) as Record<WarningLang, WarningText>;
}

/** A hazard template for an incident type or a hazard kind (`other` when none fits). */
export function hazardOf(kind: string | null | undefined): Hazard {
	return (HAZARDS as readonly string[]).includes(kind ?? '') ? (kind as Hazard) : 'other';
}
