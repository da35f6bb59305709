import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BACKEND } from './helpers/backend';
import { ARTIFACTS, watch } from './helpers/browser';
import { FormClient } from './helpers/client';
import { useWallApp } from './helpers/wall';

const run = promisify(execFile);

/**
 * A real OwnTracks-speaking client: Mosquitto's own mosquitto_pub sends a location as the
 * Android app does (QoS 1, retained; booklet JSON, https://owntracks.org/booklet/tech/json/) to
 * the app's broker, and the team its phone is registered to moves on the wall.
 */
describe(`an OwnTracks phone moves its team on the wall, on ${BACKEND}`, () => {
	const w = useWallApp({});
	const tag = randomBytes(3).toString('hex');
	const team = `ot-wall-${tag}`;
	const phone = `owntracks/rescuer-${tag}/phone`;

	const mosquittoPub = (args: string[]) => {
		const url = new URL(w.mqttUrl);
		return run('/usr/bin/mosquitto_pub', [
			'-h',
			url.hostname,
			'-p',
			url.port || '1883',
			'-q',
			'1',
			'-t',
			phone,
			...args
		]);
	};

	it('mosquitto_pub sends a location and the registered team moves on /wall', async () => {
		const now = Math.floor(Date.now() / 1000);
		await w.publish(team, { lat: 37.8, lon: 69.7, ts: (now - 3600) * 1000 });
		const admin = new FormClient(w.app.url);
		await admin.signIn(w.app.auth.users.admin.email, w.app.auth.users.admin.password);
		const registered = await admin.post('/console/devices?/register', {
			kind: 'owntracks',
			ident: `rescuer-${tag}/phone`,
			teamId: team
		});
		expect(registered.status).toBe(200);

		const page = await w.newPage({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		const seen = watch(page, w.app.url);
		await page.goto(`${w.app.url}/wall?lang=en`);
		await page.waitForSelector('[data-testid="connection"][data-state="live"]', {
			timeout: 60_000
		});
		const position = page.locator(
			`[data-testid="team-row"][data-team-id="${team}"] [data-testid="team-position"]`
		);
		await expect(position.textContent()).resolves.toContain('37.800');

		const location = {
			_type: 'location',
			lat: 37.9142,
			lon: 69.7721,
			tst: now,
			acc: 10,
			batt: 64,
			vel: 18,
			cog: 90,
			tid: 'R1'
		};
		await mosquittoPub(['-r', '-m', JSON.stringify(location)]);
		await page.waitForFunction(
			([sel, want]) => document.querySelector(sel)?.textContent?.includes(want),
			[`[data-testid="team-row"][data-team-id="${team}"] [data-testid="team-position"]`, '37.914'],
			{ timeout: 60_000 }
		);
		await page.waitForTimeout(1500); // let the map draw the moved team before the screenshot
		await page.screenshot({ path: join(ARTIFACTS, 'wall-owntracks.png') });
		await mosquittoPub(['-r', '-n']); // clears the retained location on a shared broker
		expect(seen.foreign).toEqual([]);
		expect(seen.errors).toEqual([]);
		await page.close();

		// The registry, as an admin sees it: the phone, its team and its battery.
		const registry = await w.browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await registry
			.context()
			.addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: w.app.url })));
		await registry.goto(`${w.app.url}/console/devices`);
		const mapped = await registry.locator('[data-testid="device-mapped"]').textContent();
		expect(mapped).toContain(`owntracks:rescuer-${tag}/phone`);
		expect(mapped).toContain('64 %');
		await registry.screenshot({ path: join(ARTIFACTS, 'console-devices.png'), fullPage: true });
		await registry.close();
	});
});
