import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAP_TOPIC, capTimeText, topics } from '$lib/contracts';
import { validExtent, validPosition } from '$lib/contracts/testing';
import type { AlertView } from '$lib/live/types';
import { BACKEND } from './helpers/backend';
import { ARTIFACTS, watch } from './helpers/browser';
import { FormClient, testId } from './helpers/client';
import { connect, end, publishAll } from './helpers/mqtt';
import { bearer } from './helpers/principals';
import { SseClient } from './helpers/sse';
import { useWallApp } from './helpers/wall';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'cap');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const XSD = fixture('CAP-v1.2.xsd');

/** The Kulob warning, sent a minute ago and in force for six hours, under its own identifier. */
function kulobAlert(identifier: string, status = 'Actual', extra = ''): string {
	const sent = capTimeText(new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000));
	const expires = capTimeText(new Date(Date.now() + 6 * 3600_000));
	return fixture('kulob-heavy-rain.xml')
		.replace('tj-hydromet-2026-0507-01', identifier)
		.replace('2026-05-07T01:00:00+05:00', sent)
		.replaceAll('2026-05-07T13:00:00+05:00', expires)
		.replace('<cap:status>Actual', `<cap:status>${status}`)
		.replace('<cap:headline>Heavy rain', `${extra}<cap:headline>Heavy rain`);
}
const sentOf = (xml: string) => xml.match(/<cap:sent>([^<]+)</)![1];
const cancelOf = (identifier: string, original: string) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>hydromet@meteo.tj</sender>
  <sent>${capTimeText(new Date(Math.floor(Date.now() / 1000) * 1000))}</sent>
  <status>Actual</status>
  <msgType>Cancel</msgType>
  <scope>Public</scope>
  <references>hydromet@meteo.tj,${original.match(/<cap:identifier>([^<]+)</)![1]},${sentOf(original)}</references>
</alert>`;

describe(`CAP, CoT and exports through the running app, on ${BACKEND}`, () => {
	const w = useWallApp({ EOC_SEED: 'demo', EOC_DEMO_FEED: 'off' });
	let stream: SseClient;
	// The drill's own picture: a real stream never carries a drill's rows (exercise scope).
	let drillStream: SseClient;
	let operator: FormClient;
	let viewer: FormClient;
	const alertEvents = () =>
		stream.events.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data) as AlertView);
	const waitAlert = (match: (a: AlertView) => boolean) =>
		stream.waitFor((e) => e.event === 'alert' && match(JSON.parse(e.data) as AlertView), 30_000);
	async function publish(...payloads: { topic: string; payload: string }[]) {
		const pub = await connect(w.mqttUrl);
		await publishAll(pub, payloads);
		await end(pub);
	}
	async function xsdErrors(xml: string) {
		const r = await validateXML({
			xml: [{ fileName: 'alert.xml', contents: xml }],
			schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }]
		});
		return r.errors.map((e) => e.message);
	}

	beforeAll(async () => {
		stream = new SseClient(`${w.app.url}/api/v1/stream`, undefined, bearer(w.app.auth));
		await stream.waitFor((e) => e.event === 'snapshot', 30_000);
		drillStream = new SseClient(
			`${w.app.url}/api/v1/stream?exercise=kulob-drill-1`,
			undefined,
			bearer(w.app.auth)
		);
		await drillStream.waitFor((e) => e.event === 'snapshot', 30_000);
		operator = new FormClient(w.app.url);
		await operator.signIn(w.app.auth.users.operator.email, w.app.auth.users.operator.password);
		viewer = new FormClient(w.app.url);
		await viewer.signIn(w.app.auth.users.viewer.email, w.app.auth.users.viewer.password);
	});
	afterAll(async () => {
		await stream?.close();
		await drillStream?.close();
	});

	it('an alert over MQTT reaches the wall (strip and map), and its Cancel takes it off', async () => {
		const warning = kulobAlert('kulob-rain-mqtt');
		await publish({ topic: CAP_TOPIC, payload: warning });
		const shown = JSON.parse((await waitAlert((a) => a.identifier === 'kulob-rain-mqtt')).data);
		expect(shown).toMatchObject({ shown: true, status: 'Actual', sender: 'hydromet@meteo.tj' });
		expect(shown.info).toHaveLength(2);
		expect(shown.info[0].area[1].geometry.type).toBe('MultiPolygon');

		const page = await w.newPage({
			viewport: { width: 1920, height: 1080 },
			reducedMotion: 'reduce'
		});
		const seen = watch(page, w.app.url);
		await page.goto(`${w.app.url}/wall?lang=en`);
		const strip = page.locator('[data-testid="alert-strip"]');
		await strip.waitFor({ timeout: 120_000 });
		await expect(strip.textContent()).resolves.toContain('Heavy rain and mudflow danger in Kulob');
		await expect(
			page.locator('[data-testid="alert"]').first().getAttribute('data-severity')
		).resolves.toBe('Severe');
		await page.waitForTimeout(1500); // let the map draw the areas before the screenshot
		// SwiftShader on a loaded machine can take long to hand over a frame.
		await page.screenshot({ path: join(ARTIFACTS, 'wall-cap-alert.png'), timeout: 120_000 });
		expect(seen.errors).toEqual([]);

		// The same alert again is a duplicate; the Cancel replaces it on every wall.
		await publish(
			{ topic: CAP_TOPIC, payload: warning },
			{ topic: CAP_TOPIC, payload: cancelOf('kulob-rain-mqtt-cancel', warning) }
		);
		const gone = JSON.parse(
			(await waitAlert((a) => a.identifier === 'kulob-rain-mqtt' && !a.shown)).data
		);
		expect(gone.supersededBy).toContain('kulob-rain-mqtt-cancel');
		await strip.waitFor({ state: 'detached', timeout: 120_000 });
		await page.close();
	});

	it('Test and an Exercise of no drill are stored but never shown; a drill Exercise is', async () => {
		await publish(
			{ topic: CAP_TOPIC, payload: kulobAlert('kulob-rain-test', 'Test') },
			{ topic: CAP_TOPIC, payload: kulobAlert('kulob-rain-nodrill', 'Exercise') },
			{
				topic: CAP_TOPIC,
				payload: kulobAlert(
					'kulob-rain-drill',
					'Exercise',
					'<cap:parameter><cap:valueName>eocwall:exercise</cap:valueName><cap:value>kulob-drill-1</cap:value></cap:parameter>'
				)
			}
		);
		const drill = JSON.parse(
			(
				await drillStream.waitFor(
					(e) =>
						e.event === 'alert' &&
						(JSON.parse(e.data) as AlertView).identifier === 'kulob-rain-drill',
					30_000
				)
			).data
		);
		expect(drill).toMatchObject({ shown: true, exercise: 'kulob-drill-1' });
		await waitAlert((a) => a.identifier === 'kulob-rain-nodrill');
		expect(alertEvents().some((a) => a.identifier === 'kulob-rain-drill')).toBe(false);
		const page = await (await operator.get('/console/alerts')).text();
		for (const id of ['kulob-rain-test', 'kulob-rain-nodrill']) {
			const row = page.split('<tr ').find((r) => r.includes(`data-alert="${id}"`)) ?? '';
			expect(row, id).toContain('not shown');
			expect(alertEvents().find((a) => a.identifier === id)?.shown).toBe(false);
		}
		// Not in the real CAP export either.
		const feed = await (await w.app.fetch('/api/v1/export/cap?all=true')).text();
		expect(feed).not.toContain('kulob-rain-drill');
		expect(feed).not.toContain('kulob-rain-test');
	});

	it('malformed CAP, a DOCTYPE and a missing element are dead-lettered with their reason', async () => {
		const broken = kulobAlert('kulob-bad-1').replace('</cap:scope>', '</cap:scop>');
		const doctype = `<!DOCTYPE a [<!ENTITY x "y">]>${kulobAlert('kulob-bad-2').replace(/^<\?xml[^>]*>/, '')}`;
		const noEvent = kulobAlert('kulob-bad-3').replace('<cap:event>Heavy rain</cap:event>', '');
		await publish(
			{ topic: CAP_TOPIC, payload: broken },
			{ topic: CAP_TOPIC, payload: doctype },
			{ topic: CAP_TOPIC, payload: noEvent }
		);
		let letters: { topic: string; reason: string; detail: string }[] = [];
		for (let i = 0; i < 60 && letters.length < 3; i++) {
			letters = (await w.app.getJson<typeof letters>('/api/v1/dead-letters')).filter(
				(l) => l.topic === CAP_TOPIC
			);
			if (letters.length < 3) await new Promise((r) => setTimeout(r, 250));
		}
		const text = letters.map((l) => `${l.reason}: ${l.detail}`);
		expect(text.some((t) => t.startsWith('not_xml: malformed XML'))).toBe(true);
		expect(text).toContain('not_xml: DOCTYPE is not allowed in a CAP message');
		expect(text).toContain('schema: alert.info[1].event: is missing');
	});

	it('an operator uploads CAP (clear errors when it is not), a viewer may not', async () => {
		const bad = await operator.post('/console/alerts?/upload', {
			xml: kulobAlert('kulob-up-bad').replace('37.908,69.776 1.5', '37.908,69.776')
		});
		expect(bad.status).toBe(400);
		expect(testId(await bad.text(), 'upload-invalid')).toContain('alert.info[0].area[1].circle[0]');
		const good = await operator.post('/console/alerts?/upload', {
			xml: fixture('oasis-a3-earthquake-update.xml')
		});
		expect(good.status).toBe(200);
		expect(testId(await good.text(), 'upload-done')).toContain('TRI13970876.2');
		const again = await operator.post('/console/alerts?/upload', {
			xml: fixture('oasis-a3-earthquake-update.xml')
		});
		expect(testId(await again.text(), 'upload-done')).toContain('already held');
		const refused = await viewer.post('/console/alerts?/upload', {
			xml: fixture('oasis-a3-earthquake-update.xml')
		});
		expect(refused.status).toBe(403);
	});

	it("issues the EOC's own alert around an incident, exports it as valid CAP 1.2, and cancels it", async () => {
		const issued = await operator.post('/console/alerts?/issue', {
			headline: 'Mudflow risk: leave the Tebalay banks',
			event: 'Mudflow',
			severity: 'Extreme',
			urgency: 'Immediate',
			certainty: 'Likely',
			instruction: 'Go to School No. 53.',
			incidentId: 'demo-flood-1',
			radiusKm: '1.5',
			polygon: '',
			expiresHours: '6'
		});
		expect(issued.status).toBe(200);
		const own = JSON.parse(
			(await waitAlert((a) => a.origin === 'eoc' && a.msgType === 'Alert' && a.shown)).data
		) as AlertView;
		expect(own.info[0]).toMatchObject({ severity: 'Extreme', event: 'Mudflow' });

		const feed = await (await w.app.fetch('/api/v1/export/cap')).text();
		const entries = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse(
			feed
		).feed.entry;
		expect(entries.map((e: { title: string }) => e.title)).toEqual([
			'Mudflow risk: leave the Tebalay banks'
		]);
		const cap = await w.app.fetch(`/api/v1/export/cap?id=${encodeURIComponent(own.id)}`);
		expect(cap.headers.get('content-type')).toContain('application/cap+xml');
		const xml = await cap.text();
		expect(await xsdErrors(xml)).toEqual([]);
		expect(xml).toContain('<circle>');

		const cancelled = await operator.post('/console/alerts?/cancel', { id: own.id });
		expect(cancelled.status).toBe(200);
		await waitAlert((a) => a.id === own.id && !a.shown);
		const after = await (await w.app.fetch('/api/v1/export/cap')).text();
		expect(after).not.toContain('Mudflow risk');
	});

	it('CoT and KML exports parse, and never carry a drill', async () => {
		await publish(
			{
				topic: topics.position('drill-team-1'),
				payload: JSON.stringify(validPosition({ exercise: 'kulob-drill-1' }))
			},
			{ topic: topics.hazardExtent('tebalay-real-1'), payload: JSON.stringify(validExtent()) }
		);
		await stream.waitFor((e) => e.event === 'hazard' && e.data.includes('tebalay-real-1'), 30_000);
		await drillStream.waitFor((e) => e.event === 'team' && e.data.includes('drill-team-1'), 30_000);
		expect(stream.events.some((e) => e.data.includes('drill-team-1'))).toBe(false);
		const cot = await w.app.fetch('/api/v1/export/cot');
		expect(cot.status).toBe(200);
		const events = new XMLParser({
			ignoreAttributes: false,
			attributeNamePrefix: '',
			isArray: (n) => n === 'event'
		}).parse(await cot.text()).events.event as { uid: string; type: string }[];
		expect(
			events.some((e) => e.type === 'a-f-G-U-C' && e.uid === 'eocwall-team-kulob-rescue-1')
		).toBe(true);
		expect(events.some((e) => e.type === 'b-m-p-s-m')).toBe(true);
		expect(events.some((e) => e.uid.includes('drill-team-1'))).toBe(false);

		for (const what of ['teams', 'incidents', 'hazards']) {
			const r = await w.app.fetch(`/api/v1/export/${what}.kml`);
			expect(r.status, what).toBe(200);
			const back = kml(
				new DOMParser().parseFromString(await r.text(), 'text/xml') as unknown as Document
			);
			const geo = await (await w.app.fetch(`/api/v1/export/${what}.geojson`)).json();
			expect(back.features.length, what).toBe(geo.features.length);
			expect(back.features.length, what).toBeGreaterThan(0);
		}
		const teams = await (await w.app.fetch('/api/v1/export/teams.geojson')).json();
		expect(teams.features.map((f: { id: string }) => f.id)).not.toContain('drill-team-1');
		const drill = await (
			await w.app.fetch('/api/v1/export/teams.geojson?exercise=kulob-drill-1')
		).json();
		expect(drill.features.map((f: { id: string }) => f.id)).toEqual(['drill-team-1']);
		expect((await viewer.get('/api/v1/export/cot')).status).toBe(200);
		expect((await new FormClient(w.app.url).get('/api/v1/export/cot')).status).not.toBe(200);
	});
});
