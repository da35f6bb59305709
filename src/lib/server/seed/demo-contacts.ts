/**
 * The demo contact directory (docs/messaging.md "Contacts"): the people a Kulob warning would
 * reach — focal points of three jamoats, two village heads, a school, a clinic, the hukumat, a team
 * leader — and three drill test contacts. Made up: every name says "demo", every number is in
 * +992 90 000 xxxx (no such subscribers), every address is under example.org. Written once into a
 * demo database, after the demo region, under its own `meta` marker (as the demo register is).
 * The jamoats are not in the gazetteer: their areas are circles around approximate seats.
 */
import { capCircle } from '$lib/contracts';
import type { Database } from '../db/types';
import { JAMOAT_RADIUS_KM, lookupOf } from '../contacts/area';
import type { ContactInput } from '../contacts/fields';
import { upsertContact } from '../contacts/store';
import { BASE_INDEX } from '../places/search';
import { takeDemoMarker } from './marker';

export const DEMO_CONTACTS_MARKER = 'demo-contacts-seeded';
const KULOB_BBOX: [number, number, number, number] = [69.5, 37.7, 70.2, 38.2];

/** Approximate seats of three jamoats of Kulob: [name, lat, lon]. */
const JAMOATS = {
	dahana: ['Dahana', 37.878, 69.735],
	zarbdor: ['Zarbdor', 37.962, 69.832],
	kurbonshahid: ['Kurbonshahid', 37.84, 69.79]
} as const;
type Jamoat = keyof typeof JAMOATS;

const jamoat = (j: Jamoat) => {
	const [label, lat, lon] = JAMOATS[j];
	const { ring } = capCircle(`${lat},${lon} ${JAMOAT_RADIUS_KM}`);
	return {
		areaKind: 'jamoat' as const,
		areaLabel: label,
		area: { type: 'Polygon', coordinates: [ring] } as GeoJSON.Polygon
	};
};

/** The district of Kulob as an import would resolve "Kulob" (the gazetteer's circle). */
function kulob() {
	const found = lookupOf(BASE_INDEX, KULOB_BBOX, new Map(), new Set(), {
		anyGroup: false
	}).resolveArea('Kulob', 'district');
	if (!found) throw new Error('the gazetteer has no Kulob');
	return { areaKind: found.kind, areaLabel: 'Kulob', area: found.area };
}

const phone = (n: number) => `+99290000${String(n).padStart(4, '0')}`;
const base = {
	role: null,
	phone: null,
	organisation: null,
	telegramChatId: null,
	email: null,
	teamId: null,
	exerciseTest: false,
	active: true
};

export function demoContacts(): ContactInput[] {
	const district = kulob();
	return [
		{
			...base,
			...jamoat('dahana'),
			id: 'demo-fp-dahana',
			name: 'Demo focal point, jamoat Dahana',
			role: 'Focal point (demo)',
			organisation: 'Jamoat Dahana',
			lang: 'tg',
			phone: phone(101),
			groups: ['focal_point']
		},
		{
			...base,
			...jamoat('zarbdor'),
			id: 'demo-fp-zarbdor',
			name: 'Demo focal point, jamoat Zarbdor',
			role: 'Focal point (demo)',
			organisation: 'Jamoat Zarbdor',
			lang: 'tg',
			phone: phone(102),
			telegramChatId: '900000102',
			groups: ['focal_point']
		},
		{
			...base,
			...jamoat('kurbonshahid'),
			id: 'demo-fp-kurbonshahid',
			name: 'Demo focal point, jamoat Kurbonshahid',
			role: 'Focal point (demo)',
			organisation: 'Jamoat Kurbonshahid',
			lang: 'ru',
			phone: phone(103),
			groups: ['focal_point']
		},
		{
			...base,
			...jamoat('zarbdor'),
			id: 'demo-vh-zarbdor-1',
			name: 'Demo village head, Zarbdor',
			role: 'Village head (demo)',
			lang: 'tg',
			phone: phone(201),
			groups: ['village_head']
		},
		{
			...base,
			...jamoat('dahana'),
			id: 'demo-vh-dahana-1',
			name: 'Demo village head, Dahana',
			role: 'Village head (demo)',
			lang: 'tg',
			phone: phone(202),
			groups: ['village_head']
		},
		{
			...base,
			...district,
			id: 'demo-school-53',
			name: 'Demo school No. 53, Kulob',
			role: 'Director (demo)',
			organisation: 'School No. 53',
			lang: 'ru',
			phone: phone(301),
			email: 'school53@demo.example.org',
			groups: ['school']
		},
		{
			...base,
			...district,
			id: 'demo-clinic-kulob',
			name: 'Demo district clinic, Kulob',
			role: 'Duty doctor (demo)',
			organisation: 'Kulob district clinic',
			lang: 'tg',
			phone: phone(401),
			email: 'clinic@demo.example.org',
			groups: ['clinic']
		},
		{
			...base,
			...district,
			id: 'demo-hukumat-kulob',
			name: 'Demo hukumat of Kulob, duty officer',
			role: 'Duty officer (demo)',
			organisation: 'Hukumat of Kulob',
			lang: 'ru',
			telegramChatId: '-100900000501',
			email: 'hukumat@demo.example.org',
			groups: ['hukumat']
		},
		{
			...base,
			...district,
			id: 'demo-tl-rescue-1',
			name: 'Demo team leader, Rescue 1',
			role: 'Team leader (demo)',
			organisation: 'CoES Khatlon',
			lang: 'tg',
			phone: phone(601),
			teamId: 'kulob-rescue-1',
			groups: ['team_leader']
		},
		...(['tg', 'ru', 'en'] as const).map((lang, i) => ({
			...base,
			...district,
			id: `demo-test-${i + 1}`,
			name: `Demo drill test contact ${i + 1} (${lang})`,
			role: 'Drill test (demo)',
			lang,
			phone: phone(901 + i),
			telegramChatId: i === 1 ? '900000902' : null,
			email: i === 2 ? 'drill@demo.example.org' : null,
			groups: ['focal_point'],
			exerciseTest: true
		}))
	];
}

/** Writes the demo directory once into a demo database; returns whether it wrote it. */
export async function seedDemoContacts(db: Database): Promise<boolean> {
	return db.transaction(async (t) => {
		if (!(await takeDemoMarker(t, DEMO_CONTACTS_MARKER))) return false;
		// A contact of the EOC's own under a demo id is left as it is.
		const have = new Set(
			(await t.query<{ id: string }>(`select id from contact where id like 'demo-%'`)).map(
				(r) => r.id
			)
		);
		for (const c of demoContacts()) if (!have.has(c.id)) await upsertContact(t, c);
		return true;
	});
}
