/**
 * The demo register (issue #15, docs/resources.md "The demo register"): what CoES Khatlon and the
 * district governments (hukumats) around Kulob could send, their relief stores and three requests
 * of the Kulob hukumat. Written once into a demo database, after the demo region, under its own
 * `meta` marker, so a demo database seeded before the register existed gets it too. Every row is
 * marked demo. The requests go through the request lifecycle's own writes (steps and audit).
 * Places: docs/kulob.md; coordinates are approximate.
 */
import type { ResourceStatus } from '$lib/contracts';
import type { Database, Queryable } from '../db/types';
import { takeDemoMarker } from './marker';
import type { ChangeSet } from '../live/changes';
import {
	assignRequest,
	createRequest,
	RequestError,
	stepRequest
} from '../entities/resource/requests';

export const DEMO_RESOURCES_MARKER = 'demo-resources-seeded';

const ago = (minutes: number, now: Date) => new Date(now.getTime() - minutes * 60_000);

const COES = 'CoES Khatlon';
const RCST = 'Red Crescent Society of Tajikistan';

/** Home bases: [name, agency, lat, lon]. */
const BASES = {
	coesKulob: ['CoES rescue unit, Kulob', COES, 37.9035, 69.7668],
	coesBokhtar: ['CoES regional unit, Bokhtar', COES, 37.8365, 68.7805],
	kulob: ['Road depot, Kulob', 'Hukumat of Kulob', 37.899, 69.77],
	vose: ['Road depot, Vose', 'Hukumat of Vose', 37.8012, 69.6468],
	hamadoni: ['Road depot, Hamadoni', 'Hukumat of Hamadoni', 37.602, 69.63],
	muminobod: ['Road depot, Muminobod', 'Hukumat of Muminobod', 38.1085, 70.03],
	temurmalik: ['Road depot, Temurmalik', 'Hukumat of Temurmalik', 38.0467, 69.5882]
} as const;
type Base = keyof typeof BASES;

/** Where the demo's landslide is (demo.ts `demo-landslide-1`): the machines at work there. */
const LANDSLIDE = { id: 'demo-landslide-1', lat: 37.9862, lon: 69.8595 };
/** The flooded basements on Charmgaron street (`demo-flood-1`): a pump at work there. */
const FLOOD = { id: 'demo-flood-1', lat: 37.9168, lon: 69.7851 };

/** [id, kind, name, plate, base, status, capability]; status defaults to available. */
type Row = [string, string, string, string | null, Base, ResourceStatus?, string?];
const ROWS: Row[] = [
	['coes-kl-exc-1', 'excavator', 'Excavator EO-3323 No. 1', '0412 ЧС 03', 'coesKulob'],
	['coes-kl-exc-2', 'excavator', 'Excavator EO-3323 No. 2', '0413 ЧС 03', 'coesKulob'],
	['coes-kl-exc-3', 'excavator', 'Excavator JCB 3CX', '0421 ЧС 03', 'coesKulob'],
	['coes-kl-dozer-1', 'bulldozer', 'Bulldozer T-170', null, 'coesKulob', 'on_scene'],
	['coes-kl-loader-1', 'loader', 'Loader SDLG LG936', '0431 ЧС 03', 'coesKulob', 'on_scene'],
	[
		'coes-kl-dump-1',
		'dump_truck',
		'Dump truck KamAZ 65115 No. 1',
		'0440 ЧС 03',
		'coesKulob',
		'en_route'
	],
	['coes-kl-dump-2', 'dump_truck', 'Dump truck KamAZ 65115 No. 2', '0441 ЧС 03', 'coesKulob'],
	[
		'coes-kl-crane-1',
		'crane',
		'Truck crane KS-45717',
		'0450 ЧС 03',
		'coesKulob',
		undefined,
		'25 t'
	],
	[
		'coes-kl-pump-1',
		'water_pump',
		'Motor pump MP-1600',
		null,
		'coesKulob',
		'on_scene',
		'1,600 l/min'
	],
	[
		'coes-kl-pump-2',
		'water_pump',
		'Motor pump MP-800',
		null,
		'coesKulob',
		'returning',
		'800 l/min'
	],
	['coes-kl-boat-1', 'boat', 'Rescue boat Kazanka-5M', null, 'coesKulob', undefined, '6 persons'],
	['coes-kl-gen-1', 'generator', 'Generator AD-30', null, 'coesKulob', undefined, '30 kW'],
	['coes-kl-amb-1', 'ambulance', 'Ambulance UAZ-3962', '0460 ЧС 03', 'coesKulob'],
	[
		'coes-kl-fuel-1',
		'fuel_tanker',
		'Fuel tanker ATZ-10',
		'0470 ЧС 03',
		'coesKulob',
		undefined,
		'10,000 l'
	],
	[
		'coes-kl-water-1',
		'water_tanker',
		'Water tanker ATsPT-10',
		'0471 ЧС 03',
		'coesKulob',
		undefined,
		'10,000 l'
	],
	['coes-bk-exc-1', 'excavator', 'Excavator Hyundai R210', '0512 ЧС 03', 'coesBokhtar'],
	['coes-bk-dozer-1', 'bulldozer', 'Bulldozer Shantui SD16', null, 'coesBokhtar'],
	['coes-bk-dump-1', 'dump_truck', 'Dump truck KamAZ 6520 No. 1', '0540 ЧС 03', 'coesBokhtar'],
	[
		'coes-bk-dump-2',
		'dump_truck',
		'Dump truck KamAZ 6520 No. 2',
		'0541 ЧС 03',
		'coesBokhtar',
		'out_of_service'
	],
	['coes-bk-loader-1', 'loader', 'Loader XCMG LW300', '0531 ЧС 03', 'coesBokhtar'],
	[
		'coes-bk-pump-1',
		'water_pump',
		'Pump station SNP-50',
		null,
		'coesBokhtar',
		undefined,
		'3,000 l/min'
	],
	['coes-bk-boat-1', 'boat', 'Rescue boat Kazanka-5M', null, 'coesBokhtar', undefined, '6 persons'],
	['coes-bk-gen-1', 'generator', 'Generator AD-60', null, 'coesBokhtar', undefined, '60 kW'],
	['coes-bk-amb-1', 'ambulance', 'Ambulance GAZelle', '0560 ЧС 03', 'coesBokhtar'],
	[
		'coes-bk-water-1',
		'water_tanker',
		'Water tanker KamAZ 43118',
		'0571 ЧС 03',
		'coesBokhtar',
		undefined,
		'8,000 l'
	],
	['kulob-exc-1', 'excavator', 'Excavator EO-2621', '1207 KL 03', 'kulob'],
	['kulob-dump-1', 'dump_truck', 'Dump truck ZIL MMZ-4502', '1215 KL 03', 'kulob'],
	['kulob-gen-1', 'generator', 'Generator 16 kW', null, 'kulob', 'out_of_service', '16 kW'],
	['kulob-amb-1', 'ambulance', 'Ambulance, Kulob district hospital', '1230 KL 03', 'kulob'],
	['vose-exc-1', 'excavator', 'Excavator JCB 3CX', '2207 VS 03', 'vose'],
	['vose-dump-1', 'dump_truck', 'Dump truck KamAZ 55111', '2215 VS 03', 'vose'],
	['vose-pump-1', 'water_pump', 'Motor pump MP-800', null, 'vose', undefined, '800 l/min'],
	['hamadoni-dozer-1', 'bulldozer', 'Bulldozer DT-75', null, 'hamadoni'],
	['hamadoni-dump-1', 'dump_truck', 'Dump truck KamAZ 55111', '3215 HM 03', 'hamadoni'],
	['hamadoni-boat-1', 'boat', 'Boat, Panj river post', null, 'hamadoni', undefined, '4 persons'],
	['muminobod-dozer-1', 'bulldozer', 'Bulldozer T-130', null, 'muminobod'],
	['muminobod-loader-1', 'loader', 'Loader Amkodor 342', '4231 MM 03', 'muminobod'],
	[
		'muminobod-water-1',
		'water_tanker',
		'Water tanker ZIL-130',
		'4271 MM 03',
		'muminobod',
		'out_of_service'
	],
	['temurmalik-exc-1', 'excavator', 'Excavator EO-2621', '5207 TM 03', 'temurmalik'],
	['temurmalik-dump-1', 'dump_truck', 'Dump truck KamAZ 55111', '5215 TM 03', 'temurmalik']
];

/** The register's equipment: at or near its base, at its incident when on scene, on the road between when en route. */
export function demoResources(now = new Date()) {
	return ROWS.map(([id, kindId, name, plate, base, status = 'available', capability], i) => {
		const [homeBase, agency, bLat, bLon] = BASES[base];
		// A few hundred metres around the base, the same every time (no randomness in the demo).
		let lat = bLat + (((i * 37) % 9) - 4) * 0.0006;
		let lon = bLon + (((i * 53) % 9) - 4) * 0.0008;
		// A pump works at the flood, the earth movers at the landslide.
		const scene = kindId === 'water_pump' ? FLOOD : LANDSLIDE;
		if (status === 'on_scene') [lat, lon] = [scene.lat + 0.0004 * (i % 3), scene.lon - 0.0005];
		if (status === 'en_route') [lat, lon] = [(bLat + scene.lat) / 2, (bLon + scene.lon) / 2];
		// The district's generator is in the workshop, with no tracker: no position.
		const tracked = id !== 'kulob-gen-1';
		return {
			id,
			kindId,
			name,
			plate,
			agency,
			homeBase,
			capability: capability ?? null,
			status,
			statusTs: ago(20 + ((i * 17) % 180), now),
			lat: tracked ? Math.round(lat * 1e5) / 1e5 : null,
			lon: tracked ? Math.round(lon * 1e5) / 1e5 : null,
			positionTs: tracked ? ago(1 + (i % 9), now) : null,
			fuelPct: tracked ? 35 + ((i * 29) % 61) : null,
			incidentId: status === 'on_scene' || status === 'en_route' ? scene.id : null
		};
	});
}

/** [id, name, agency, district, lat, lon, [kind, quantity, minimum][]] */
export const DEMO_STORES = [
	[
		'coes-kulob-wh',
		'CoES relief warehouse, Kulob',
		COES,
		'Kulob',
		37.9052,
		69.7712,
		[
			['tent', 120, 100],
			['water', 3000, 5000],
			['food_kit', 350, 200],
			['blanket', 900, 400],
			['hygiene_kit', 260, 150],
			['medical_kit', 60, 40],
			['sandbag', 4000, 2000]
		]
	],
	[
		'coes-bokhtar-wh',
		'CoES regional warehouse, Bokhtar',
		COES,
		'Bokhtar',
		37.8402,
		68.7741,
		[
			['tent', 450, 200],
			['water', 24000, 10000],
			['food_kit', 1200, 500],
			['blanket', 2500, 1000],
			['hygiene_kit', 800, 300],
			['medical_kit', 150, 80],
			['sandbag', 12000, 5000]
		]
	],
	[
		'rcst-kulob-wh',
		'Red Crescent store, Kulob branch',
		RCST,
		'Kulob',
		37.9148,
		69.7893,
		[
			['tent', 80, 50],
			['food_kit', 300, 150],
			['blanket', 600, 200],
			['hygiene_kit', 400, 150],
			['medical_kit', 90, 40]
		]
	]
] as const;

async function insertRegister(t: Queryable, now: Date) {
	await t.query(
		`insert into resource (id, kind_id, name, plate, agency, home_base, capability, status,
			status_ts, lat, lon, position_ts, fuel_pct, incident_id, demo)
		select id, "kindId", name, plate, agency, "homeBase", capability, status, "statusTs", lat, lon,
			"positionTs", "fuelPct", "incidentId", true
		from jsonb_to_recordset(($1::text)::jsonb) as x(id text, "kindId" text, name text, plate text,
			agency text, "homeBase" text, capability text, status text, "statusTs" timestamptz,
			lat float8, lon float8, "positionTs" timestamptz, "fuelPct" float8, "incidentId" text)
		on conflict (id) do nothing`,
		[JSON.stringify(demoResources(now))]
	);
	for (const [id, name, agency, district, lat, lon, stock] of DEMO_STORES) {
		await t.query(
			`insert into store (id, name, agency, district, lat, lon, demo)
			values ($1, $2, $3, $4, $5, $6, true) on conflict (id) do nothing`,
			[id, name, agency, district, lat, lon]
		);
		for (const [kind, quantity, minimum] of stock)
			await t.query(
				`insert into stock (store_id, kind_id, quantity, minimum) values ($1, $2, $3, $4)
				on conflict do nothing`,
				[id, kind, quantity, minimum]
			);
	}
}

/**
 * The Kulob hukumat's requests: two excavators for the landslide, assigned (the two CoES
 * excavators of Kulob); water for the gathering point, waiting; tents, waiting and overdue.
 */
async function insertRequests(t: Queryable, now: Date) {
	// A kind an admin deleted before this register came is not asked for (never a failed start).
	const held = new Set(
		(
			await t.query<{ id: string }>(`select id from resource_kind where id = any($1::text[])`, [
				['excavator', 'water', 'tent']
			])
		).map((k) => k.id)
	);
	const changes: ChangeSet = new Map();
	const actor = 'demo';
	const common = { requesterKind: 'district' as const, requester: 'Hukumat of Kulob', demo: true };
	if (held.has('excavator')) {
		await createRequest(
			t,
			{
				...common,
				id: 'req-demo-excavators',
				kindId: 'excavator',
				quantity: 2,
				incidentId: LANDSLIDE.id,
				priority: 'urgent',
				note: 'Clear the Muminobod road',
				at: ago(85, now)
			},
			actor,
			changes
		);
		await stepRequest(t, 'req-demo-excavators', 'approved', actor, null, changes, {
			at: ago(80, now)
		});
		await assignRequest(
			t,
			'req-demo-excavators',
			{ resources: ['coes-kl-exc-1', 'coes-kl-exc-2'] },
			actor,
			changes,
			{ at: ago(72, now) }
		);
	}
	if (held.has('water'))
		await createRequest(
			t,
			{
				...common,
				id: 'req-demo-water',
				kindId: 'water',
				quantity: 5000,
				place: 'School No. 53',
				lat: 37.9187,
				lon: 69.7739,
				priority: 'high',
				neededBy: new Date(now.getTime() + 120 * 60_000),
				note: 'Drinking water for the gathering point',
				at: ago(30, now)
			},
			actor,
			changes
		);
	if (held.has('tent'))
		await createRequest(
			t,
			{
				...common,
				id: 'req-demo-tents',
				kindId: 'tent',
				quantity: 40,
				place: 'School No. 53',
				lat: 37.9187,
				lon: 69.7739,
				priority: 'normal',
				neededBy: ago(10, now),
				note: 'Families from Charmgaron street',
				at: ago(50, now)
			},
			actor,
			changes
		);
}

/**
 * Writes the demo register once into a demo database (the marker), after its kinds (written at
 * startup). Returns whether it wrote it. A database that is not the demo's is never touched.
 */
export async function seedDemoResources(db: Database, now = new Date()): Promise<boolean> {
	return db.transaction(async (t) => {
		if (!(await takeDemoMarker(t, DEMO_RESOURCES_MARKER))) return false;
		await insertRegister(t, now);
		// The requests are the demo's colour: one the lifecycle refuses (an id of the register
		// taken by a row of the EOC's own) is left out rather than stop the start.
		await insertRequests(t, now).catch((err) => {
			if (!(err instanceof RequestError)) throw err;
		});
		return true;
	});
}
