import { describe, expect, it } from 'vitest';
import { appBroker, embeddedUrl, splitCredentials } from './client';

describe('the app as an MQTT client', () => {
	it('takes the credentials out of MQTT_URL, percent-decoded, and leaves a URL without them', () => {
		expect(splitCredentials('mqtt://eocwall:s%3Acr%40t@mqtt.eoc.lan:1883')).toEqual({
			url: 'mqtt://mqtt.eoc.lan:1883',
			credentials: { username: 'eocwall', password: 's:cr@t' }
		});
		expect(splitCredentials('mqtts://app@mqtt.eoc.lan')).toEqual({
			url: 'mqtts://mqtt.eoc.lan',
			credentials: { username: 'app' }
		});
		expect(splitCredentials('ws://u:p@broker:9001/mqtt').url).toBe('ws://broker:9001/mqtt');
		expect(splitCredentials('mqtt://127.0.0.1:1883')).toEqual({ url: 'mqtt://127.0.0.1:1883' });
	});

	it('reaches the embedded broker on this machine when it listens on every address', () => {
		expect(embeddedUrl('0.0.0.0', 1883)).toBe('mqtt://127.0.0.1:1883');
		expect(embeddedUrl('::', 1883)).toBe('mqtt://[::1]:1883');
		expect(embeddedUrl('10.0.0.5', 18830)).toBe('mqtt://10.0.0.5:18830');
		expect(embeddedUrl('fe80::1', 1883)).toBe('mqtt://[fe80::1]:1883');
	});

	it("connects every client with the app's credentials, which options cannot replace", async () => {
		const broker = appBroker('mqtt://127.0.0.1:9', { username: 'eocwall', password: 'pw' });
		const client = broker.connect('eocwall-tasking', {
			reconnectPeriod: 0,
			username: 'someone-else',
			password: 'other'
		});
		try {
			expect(client.options).toMatchObject({
				clientId: 'eocwall-tasking',
				username: 'eocwall',
				password: 'pw',
				host: '127.0.0.1',
				port: 9
			});
			expect(broker.username).toBe('eocwall');
			expect(broker.url).not.toContain('pw');
		} finally {
			await client.endAsync(true);
		}
		const anonymous = appBroker('mqtt://127.0.0.1:9').connect('x', { reconnectPeriod: 0 });
		expect(anonymous.options.username).toBeUndefined();
		await anonymous.endAsync(true);
	});
});
