import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND } from './helpers/backend';
import { ARTIFACTS } from './helpers/browser';
import { FormClient } from './helpers/client';
import { waitFor } from './helpers/ports';
import { useWallApp } from './helpers/wall';

interface Probe {
	teams: [string, number | null, number | null][];
	sensors: [string, number | null][];
	incidents: number;
	/** Summed planimetric area of the hazard polygons, in square degrees (enough to compare). */
	hazardArea: number;
	banner: string;
}

/**
 * The Kulob mudflow drill run from the trainer console at ×60 against the running app, watched
 * on a wall switched to the exercise: gauges rise, teams move, field reports arrive, the mudflow
 * polygon appears and grows over the town, and the EXERCISE banner is on. Screenshots at three moments (and
 * of the trainer console) are kept in test-results/. Lean: it jumps to the release inject rather
 * than waiting 85 s of scenario for it.
 */
/** The town the drill plays in: the drill's wall fits it, as the trainer console's link does. */
const AREA: number[] = JSON.parse(
	readFileSync(
		join(import.meta.dirname, '../simulators/scenarios/kulob-mudflow/scenario.json'),
		'utf8'
	)
).area.bbox;

describe(`the Kulob drill at ×60 on a running app, on ${BACKEND}`, () => {
	const w = useWallApp({});
	const EX = `kulob-${Math.random().toString(36).slice(2, 8)}`;

	it('shows the mudflow, the gauges, the teams and the reports of the drill on the wall', async () => {
		const trainer = new FormClient(w.app.url);
		await trainer.signIn(w.app.auth.users.trainer.email, w.app.auth.users.trainer.password);
		const start = await trainer.post('/drills?/start', {
			scenario: 'kulob-mudflow',
			exercise: EX,
			name: 'Kulob test drill',
			speed: '60',
			seed: '7'
		});
		expect(start.status).toBe(200);
		const state = async () =>
			(
				(await (await trainer.get('/drills/state')).json()) as {
					drills: { exerciseId: string; status: string; errors: string[] }[];
				}
			).drills.find((d) => d.exerciseId === EX);
		await waitFor('the drill to run', async () => (await state())?.status === 'running', 180_000);

		const wall = await w.newPage({ viewport: { width: 1920, height: 1080 } });
		await wall.goto(`${w.app.url}/wall?exercise=${EX}&area=${AREA.join(',')}&test`);
		await wall.getByTestId('exercise-banner').waitFor();
		// The machine is busy with the drill (model, ×60 clock) and the software-rendered map.
		const shot = (name: string) =>
			wall.screenshot({ path: join(ARTIFACTS, name), timeout: 120_000 });
		const probe = () =>
			wall.evaluate((): Probe => {
				type Ring = number[][];
				const live = (
					window as unknown as {
						__eocwall: {
							live: {
								teams: Map<string, { id: string; lat: number | null; lon: number | null }>;
								sensors: Map<string, { id: string; lastValue: number | null }>;
								incidents: Map<string, unknown>;
								hazards: Map<string, { geometry: { type: string; coordinates: unknown } }>;
							};
						};
					}
				).__eocwall.live;
				const ring = (r: Ring) =>
					Math.abs(
						r.reduce(
							(a, p, i) => a + p[0] * r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * p[1],
							0
						)
					) / 2;
				const polys = [...live.hazards.values()].flatMap((h) =>
					h.geometry.type === 'Polygon'
						? [h.geometry.coordinates as Ring[]]
						: (h.geometry.coordinates as Ring[][])
				);
				return {
					teams: [...live.teams.values()].map((t) => [t.id, t.lat, t.lon]),
					sensors: [...live.sensors.values()].map((s) => [s.id, s.lastValue]),
					incidents: live.incidents.size,
					hazardArea: polys.reduce((a, p) => a + ring(p[0]), 0),
					banner: document.querySelector('[data-testid="exercise-banner"]')?.textContent ?? ''
				};
			});
		await waitFor(
			'teams and gauges on the wall',
			async () => {
				const p = await probe();
				return p.teams.length > 0 && p.sensors.some(([, v]) => v !== null);
			},
			60_000
		);
		const first = await probe();
		await shot('drill-kulob-1.png');

		// The release inject (#5, T+1:25): the injects before it are delivered on the way.
		expect((await trainer.post('/drills?/jump', { exercise: EX, inject: '5' })).status).toBe(200);
		await waitFor('the mudflow on the wall', async () => (await probe()).hazardArea > 0, 60_000);
		const second = await probe();
		await shot('drill-kulob-2.png');
		const value = (p: Probe, id: string) => p.sensors.find(([s]) => s === id)?.[1] ?? null;
		const rose = (p: Probe) =>
			first.sensors.some(([id, v]) => v !== null && (value(p, id) ?? -Infinity) > v);
		const at = (p: Probe, id: string) => p.teams.find(([t]) => t === id);
		const moved = (p: Probe) =>
			first.teams.some(([id, lat, lon]) => {
				const now = at(p, id);
				return now !== undefined && (now[1] !== lat || now[2] !== lon);
			});
		// The release lasts 40 scenario minutes (40 s at ×60): the mud spreads over the streets.
		await waitFor(
			'the mudflow to grow, gauges to rise, teams to move and reports to arrive',
			async () => {
				const p = await probe();
				return p.hazardArea > second.hazardArea && rose(p) && moved(p) && p.incidents > 0;
			},
			90_000
		);
		const third = await probe();
		await shot('drill-kulob-3.png');

		expect(third.banner).toContain(EX);
		expect(third.hazardArea).toBeGreaterThan(second.hazardArea); // the mudflow grew
		expect(third.incidents).toBeGreaterThan(0); // field reports arrived
		expect(rose(third)).toBe(true); // gauges rose
		expect(moved(third)).toBe(true); // teams moved

		// The trainer console, live: the page is kept as a screenshot too.
		const { hostname } = new URL(w.app.url);
		const ctx = await w.browser.newContext({ viewport: { width: 1400, height: 1000 } });
		await ctx.addCookies([
			{
				name: 'eocwall_session',
				value: trainer.cookies.get('eocwall_session') ?? '',
				domain: hostname,
				path: '/'
			}
		]);
		const page = await ctx.newPage();
		await page.goto(`${w.app.url}/drills`);
		await page.locator(`[data-drill="${EX}"]`).waitFor();
		// Its link to the drill's wall fits the town the scenario plays in.
		const href = await page
			.locator(`[data-drill="${EX}"] a`, { hasText: /wall/i })
			.first()
			.getAttribute('href');
		expect(new URL(href ?? '', w.app.url).searchParams.get('area')).toBe(AREA.join(','));
		await page.screenshot({
			path: join(ARTIFACTS, 'drill-console.png'),
			fullPage: true,
			timeout: 120_000
		});
		expect((await state())?.errors ?? []).toEqual([]);
		expect((await trainer.post('/drills?/reset', { exercise: EX })).status).toBe(200);
	});
});
