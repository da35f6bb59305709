// Runs inside the wall page: builds a big synthetic picture (teams and incidents spread over the
// Kulob district), then applies live team updates one at a time and times each on the main thread
// (the state change plus Svelte's flush: boards, layer builders, the deck.gl overlay's setProps).
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
	hook.live.applySnapshot({
		teams,
		incidents,
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
	// One team moved a little, its position a second newer than the last update's.
	const nextEvent = (k) => {
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
		const t0 = performance.now();
		hook.live.apply(event);
		hook.flushSync();
		times.push(performance.now() - t0);
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
		incidentsShown: hook.live.incidents.size
	};
}
