// Runs inside the wall page: builds a big synthetic picture (teams, incidents and resources spread
// over the Kulob district, supplies in stores, requests), then applies live updates one at a time
// (a team's, and one in six a resource's when there are resources) and times each on the main
// thread (the state change plus Svelte's flush: boards, layer builders, the deck.gl overlay's
// setProps).
// Plain JavaScript on purpose: its source is sent to the page as text (bench/wall.ts).
// eslint-disable-next-line @typescript-eslint/no-unused-vars
async function wallPageRun(a) {
	const w = window;
	const hook = w.__eocwall;
	if (!hook?.flushSync) throw new Error('the wall page has no test hook (open it with ?test)');
	let s = a.seed >>> 0;
	const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
	const [W, S, E, N] = a.bbox; // the Kulob district's box (bench/wall.ts)
	const now = Date.now();
	const iso = (ms) => new Date(ms).toISOString();
	const { statuses, types } = a; // from the contracts (bench/wall.ts)
	const teams = Array.from({ length: a.teams }, (_, i) => ({
		id: `b-team-${i}`,
		callsign: `T-${i}`,
		kind: 'rescue',
		status: statuses[i % statuses.length],
		statusTs: iso(now - 60_000),
		incidentId: i % 3 === 0 ? `b-inc-${i % a.incidents}` : null,
		personnel: 4,
		lat: S + rnd() * (N - S),
		lon: W + rnd() * (E - W),
		positionTs: iso(now - 30_000),
		headingDeg: Math.floor(rnd() * 360),
		speedMps: 3,
		batteryPct: 50 + Math.floor(rnd() * 50),
		exercise: null,
		demo: false
	}));
	const incidents = Array.from({ length: a.incidents }, (_, i) => ({
		id: `b-inc-${i}`,
		type: types[i % types.length],
		severity: 1 + (i % 5),
		status: 'open',
		title: `Incident ${i}`,
		description: null,
		lat: S + rnd() * (N - S),
		lon: W + rnd() * (E - W),
		casualties: { dead: 0, injured: i % 4, missing: 0, trapped: 0 },
		affected: { people: i % 200, households: i % 40 },
		needs: [],
		reporter: 'public',
		reportedAt: iso(now - 3600_000),
		updatedAt: iso(now - 3600_000),
		exercise: null,
		demo: false,
		acknowledged: true
	}));
	// Resources: equipment of seven kinds, supplies of three in twenty stores, and requests.
	const equipment = [
		'excavator',
		'bulldozer',
		'dump_truck',
		'water_pump',
		'boat',
		'generator',
		'crane'
	];
	const supplies = ['water', 'food_kit', 'tent'];
	const resourceKinds = [...equipment, ...supplies].map((id, i) => ({
		id,
		names: { en: id.replace('_', ' '), ru: id, tg: id },
		class: i < equipment.length ? 'equipment' : 'supply',
		unit: i < equipment.length ? 'unit' : 'kit',
		sort: i
	}));
	const resources = Array.from({ length: a.resources }, (_, i) => ({
		id: `b-res-${i}`,
		kindId: equipment[i % equipment.length],
		name: `R-${i}`,
		plate: null,
		agency: 'CoES',
		homeBase: null,
		capability: null,
		status: a.resourceStatuses[i % a.resourceStatuses.length],
		statusTs: iso(now - 60_000),
		lat: S + rnd() * (N - S),
		lon: W + rnd() * (E - W),
		positionTs: iso(now - 30_000),
		fuelPct: 80,
		quantity: null,
		note: null,
		teamId: null,
		requestId: null,
		incidentId: null,
		exercise: null,
		demo: false
	}));
	const stock = a.resources
		? Array.from({ length: 20 * supplies.length }, (_, i) => {
				const storeId = `b-store-${i % 20}`;
				const kindId = supplies[i % supplies.length];
				return {
					id: `${storeId}:${kindId}`,
					storeId,
					storeName: `Store ${i % 20}`,
					kindId,
					quantity: 100 + (i % 7) * 50,
					minimum: 200,
					lat: S + rnd() * (N - S),
					lon: W + rnd() * (E - W),
					updatedAt: iso(now),
					exercise: null
				};
			})
		: [];
	const requests = Array.from({ length: a.resources ? 50 : 0 }, (_, i) => ({
		id: `b-req-${i}`,
		kindId: equipment[i % equipment.length],
		quantity: 1 + (i % 3),
		incidentId: null,
		place: 'Kulob',
		lat: null,
		lon: null,
		priority: 'normal',
		neededBy: iso(now + (i - 25) * 60_000),
		requesterKind: 'district',
		requester: 'Kulob hukumat',
		note: null,
		status: a.requestStatuses[i % 4],
		reason: null,
		requestedAt: iso(now - i * 60_000),
		approvedAt: null,
		assignedAt: null,
		enRouteAt: null,
		deliveredAt: null,
		closedAt: null,
		assigned: [],
		exercise: null,
		demo: false
	}));
	hook.live.applySnapshot({
		teams,
		incidents,
		resources,
		resourceKinds,
		stock,
		requests,
		sensors: [],
		hazards: [],
		shelters: [],
		settings: {
			eocName: 'Bench EOC',
			activationLevel: 2,
			area: { name: 'Kulob District', bbox: [W, S, E, N] },
			staleAfterMin: 10
		},
		events: [],
		trails: {},
		series: {},
		asOf: iso(now)
	});
	hook.flushSync();
	const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
	const task = () => new Promise((r) => setTimeout(r, 0));
	await frame();
	await frame();

	const heap = async () => {
		await frame();
		w.gc?.();
		await task();
		w.gc?.();
		return performance.memory.usedJSHeapSize;
	};
	// A busy span the CPU profile can find by name: it puts the page's clock on the profile's
	// (bench/profile.ts --windows), so samples can be told apart by the update they fell in.
	function benchClockMark(ms) {
		const t = performance.now();
		while (performance.now() - t < ms);
		return [t, performance.now()];
	}
	const mark = benchClockMark(30);
	const times = [];
	const starts = [];
	let heapAtFirst = 0;
	// One team moved a little, its position a second newer than the last update's; with
	// resources, one update in six is a resource's: moved, and in a new status.
	let resourceUpdates = 0;
	const resourceTimes = [];
	const nextEvent = (k) => {
		if (a.resources > 0 && k % 6 === 0) {
			const held = hook.live.resources.get(`b-res-${Math.floor(rnd() * a.resources)}`);
			const ts = iso(now + k * 1000);
			return {
				type: 'resource',
				data: {
					...held,
					status: a.resourceStatuses[Math.floor(rnd() * a.resourceStatuses.length)],
					statusTs: ts,
					lat: held.lat + (rnd() - 0.5) * 0.001,
					lon: held.lon + (rnd() - 0.5) * 0.001,
					positionTs: ts
				}
			};
		}
		const i = Math.floor(rnd() * a.teams);
		const held = hook.live.teams.get(`b-team-${i}`);
		return {
			type: 'team',
			data: {
				...held,
				lat: held.lat + (rnd() - 0.5) * 0.001,
				lon: held.lon + (rnd() - 0.5) * 0.001,
				positionTs: iso(now + k * 1000),
				headingDeg: Math.floor(rnd() * 360)
			}
		};
	};
	for (let k = 1; k <= a.updates; k++) {
		const event = nextEvent(k);
		if (event.type === 'resource') resourceUpdates++;
		const t0 = performance.now();
		hook.live.apply(event);
		hook.flushSync();
		const took = performance.now() - t0;
		times.push(took);
		if (event.type === 'resource') resourceTimes.push(took);
		starts.push(t0);
		// Let the map draw now and then, as it would between live updates. Not after every update:
		// drawing is not measured (SwiftShader says nothing of a wall's GPU) and at 10,000 teams a
		// software frame takes seconds.
		if (k % 500 === 0) await frame();
		if (k === a.heapAt) heapAtFirst = await heap();
	}
	const heapAtEnd = await heap();
	// Apart from the figure above: deck.gl does not update its layers in setProps but at the next
	// frame. Here that layer update is timed alone after each of a few more updates (the hook
	// calls deck.gl's layer manager, as its frame would; nothing is drawn).
	const layerTimes = [];
	if (hook.updateLayers) {
		hook.updateLayers();
		for (let k = 1; k <= a.layerUpdates; k++) {
			hook.live.apply(nextEvent(a.updates + k));
			hook.flushSync();
			const t0 = performance.now();
			hook.updateLayers();
			layerTimes.push(performance.now() - t0);
		}
	}
	return {
		times,
		starts,
		mark,
		heapAtFirst,
		heapAtEnd,
		layerTimes,
		teamsShown: hook.live.teams.size,
		incidentsShown: hook.live.incidents.size,
		resourcesShown: hook.live.resources.size,
		resourceUpdates,
		resourceTimes
	};
}
