import { describe, expect, it } from 'vitest';
import { mqttSubprotocol, upgradeRefusal, type UpgradeContext } from './edges';

/** Which HTTP upgrades the app's own port hands to the embedded broker (`/mqtt`). */
const READY: UpgradeContext = { broker: 'ready', origins: [] };
const ws = (url: string, headers: Record<string, string> = {}) => ({
	url,
	headers: { host: 'eoc.lan:3000', upgrade: 'websocket', ...headers }
});
const kind = (req: ReturnType<typeof ws>, ctx: UpgradeContext = READY) =>
	upgradeRefusal(req, ctx)?.kind ?? 'taken';

describe('upgradeRefusal', () => {
	it('takes a WebSocket upgrade of exactly /mqtt, with or without a query string', () => {
		expect(kind(ws('/mqtt'))).toBe('taken');
		expect(kind(ws('/mqtt?x=1'))).toBe('taken');
		expect(kind(ws('/mqtt', { 'sec-websocket-protocol': 'mqtt' }))).toBe('taken');
		expect(kind(ws('/mqtt', { 'sec-websocket-protocol': 'foo, mqttv3.1' }))).toBe('taken');
	});

	it('refuses any other path, a non-WebSocket upgrade and a non-MQTT subprotocol', () => {
		for (const url of ['/', '/mqtt/', '/mqttx', '/MQTT', '/api/mqtt', ''])
			expect(upgradeRefusal(ws(url), READY)).toMatchObject({ status: 404, kind: 'path' });
		expect(upgradeRefusal(ws('/mqtt', { upgrade: 'h2c' }), READY)).toMatchObject({
			status: 400,
			kind: 'protocol'
		});
		expect(kind(ws('/mqtt', { 'sec-websocket-protocol': 'chat' }))).toBe('protocol');
	});

	it("takes a browser's page of this very site (Host or ORIGIN) or of MQTT_WS_ORIGINS only", () => {
		expect(kind(ws('/mqtt', { origin: 'http://eoc.lan:3000' }))).toBe('taken');
		expect(kind(ws('/mqtt', { origin: 'https://eoc.lan:3000' }))).toBe('taken');
		expect(kind(ws('/mqtt', { origin: 'http://evil.example' }))).toBe('origin');
		expect(kind(ws('/mqtt', { origin: 'http://eoc.lan' }))).toBe('origin');
		expect(kind(ws('/mqtt', { origin: 'null' }))).toBe('origin');
		const behindProxy = { ...READY, appOrigin: 'https://eoc.example.tj' };
		expect(kind(ws('/mqtt', { origin: 'https://eoc.example.tj' }), behindProxy)).toBe('taken');
		const listed = { ...READY, origins: ['https://wall.example.tj'] };
		expect(kind(ws('/mqtt', { origin: 'https://wall.example.tj' }), listed)).toBe('taken');
		expect(kind(ws('/mqtt', { origin: 'https://other.example.tj' }), listed)).toBe('origin');
	});

	it('says when the broker is external, open to anyone or not up yet; a bad path first', () => {
		expect(upgradeRefusal(ws('/mqtt'), { ...READY, broker: 'external' })).toMatchObject({
			status: 404,
			kind: 'external'
		});
		expect(upgradeRefusal(ws('/mqtt'), { ...READY, broker: 'starting' })?.status).toBe(503);
		expect(kind(ws('/x'), { ...READY, broker: 'external' })).toBe('path');
		expect(upgradeRefusal(ws('/mqtt'), { ...READY, broker: 'open' })).toMatchObject({
			status: 404,
			kind: 'open'
		});
	});
});

describe('mqttSubprotocol', () => {
	it('answers with an MQTT subprotocol the client offers, or none', () => {
		expect(mqttSubprotocol(new Set(['mqtt']))).toBe('mqtt');
		expect(mqttSubprotocol(new Set(['chat', 'mqttv3.1']))).toBe('mqttv3.1');
		expect(mqttSubprotocol(new Set(['chat']))).toBe(false);
		expect(mqttSubprotocol(new Set())).toBe(false);
	});
});
