import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, hidePassword, loadConfig } from './config';

describe('loadConfig', () => {
	it('gives the embedded defaults with nothing set', () => {
		const c = loadConfig({});
		expect(c.DATABASE_URL).toBeUndefined();
		expect(c.MQTT_URL).toBeUndefined();
		expect(c).toMatchObject({
			PGLITE_DIR: './data/pglite',
			MQTT_PORT: 1883,
			PORT: 3000,
			LOG_LEVEL: 'info',
			RETENTION_DAYS: 90,
			EOC_SEED: 'demo'
		});
	});

	it('names every bad variable, and never prints a password', () => {
		let err: unknown;
		try {
			loadConfig({ PORT: '0', DATABASE_URL: 'mysql://app:s3cret@db/x', RETENTION_DAYS: '-1' });
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ConfigError);
		const problems = (err as ConfigError).problems.join('\n');
		expect(problems).toContain('PORT must be between 1 and 65535');
		expect(problems).toContain('DATABASE_URL must be a URL starting with postgres://');
		expect(problems).toContain('RETENTION_DAYS must be greater than 0');
		expect(problems).not.toContain('s3cret');
	});

	it('takes a basemap file that exists and names one that does not', () => {
		expect(loadConfig({}).BASEMAP_PMTILES).toBeUndefined();
		expect(loadConfig({ BASEMAP_PMTILES: 'package.json' }).BASEMAP_PMTILES).toBe('package.json');
		expect(() => loadConfig({ BASEMAP_PMTILES: '/nowhere/khatlon.pmtiles' })).toThrow(
			/BASEMAP_PMTILES must name a \.pmtiles file that exists.*\/nowhere\/khatlon\.pmtiles/s
		);
	});

	it('takes a terrain file (.tif, .hgt) that exists and names one that does not or is not a DEM', () => {
		expect(loadConfig({}).TERRAIN_PATH).toBeUndefined();
		const tile = join(mkdtempSync(join(tmpdir(), 'eocwall-config-')), 'N37E069.hgt');
		writeFileSync(tile, '');
		expect(loadConfig({ TERRAIN_PATH: tile }).TERRAIN_PATH).toBe(tile);
		expect(() => loadConfig({ TERRAIN_PATH: '/nowhere/N37E069.hgt' })).toThrow(
			/TERRAIN_PATH must name a GeoTIFF \(\.tif\) or SRTM \(\.hgt\) file that exists.*\/nowhere/s
		);
		expect(() => loadConfig({ TERRAIN_PATH: 'package.json' })).toThrow(/TERRAIN_PATH must name/);
	});

	it('asks devices for credentials by default when the embedded broker listens beyond loopback', () => {
		const auth = (env: Record<string, string>) => loadConfig(env).MQTT_DEVICE_AUTH;
		expect(auth({})).toBe('off');
		expect(auth({ MQTT_HOST: '127.0.0.2' })).toBe('off');
		expect(auth({ MQTT_HOST: '::1' })).toBe('off');
		expect(auth({ MQTT_HOST: '0.0.0.0' })).toBe('on');
		expect(auth({ MQTT_HOST: '10.0.0.5' })).toBe('on');
		expect(auth({ MQTT_HOST: '0.0.0.0', MQTT_DEVICE_AUTH: 'off' })).toBe('off');
		expect(auth({ MQTT_DEVICE_AUTH: 'on' })).toBe('on');
		expect(auth({ MQTT_URL: 'mqtt://broker:1883' })).toBe('off');
		expect(() => loadConfig({ MQTT_DEVICE_AUTH: 'yes' })).toThrow(
			'MQTT_DEVICE_AUTH must be on or off (got "yes")'
		);
		expect(() => loadConfig({ MQTT_URL: 'mqtt://b:1883', MQTT_DEVICE_AUTH: 'on' })).toThrow(
			/MQTT_DEVICE_AUTH=on applies to the embedded broker only.*\(got "on"\)/
		);
	});

	it("keeps the broker's edges closed unless configured", () => {
		const c = loadConfig({});
		expect(c.MQTT_WS_PORT).toBeUndefined();
		expect(c.MQTT_WS_ORIGINS).toEqual([]);
		expect(c.MQTT_MAX_PACKET_BYTES).toBe(392 * 1024);
		expect(c.INGEST_MAX_PENDING_BYTES).toBe(64 * 1024 * 1024);
		expect(loadConfig({ MQTT_WS_PORT: '9001' }).MQTT_WS_PORT).toBe(9001);
		// The app's own origin by default, else the list given.
		expect(loadConfig({ ORIGIN: 'https://eoc.example.tj/' }).MQTT_WS_ORIGINS).toEqual([
			'https://eoc.example.tj'
		]);
		expect(
			loadConfig({ MQTT_WS_ORIGINS: 'https://a.tj, http://10.0.0.5:3000' }).MQTT_WS_ORIGINS
		).toEqual(['https://a.tj', 'http://10.0.0.5:3000']);
		expect(() => loadConfig({ MQTT_WS_ORIGINS: 'https://a.tj/wall' })).toThrow(
			'MQTT_WS_ORIGINS must be a comma-separated list of origins'
		);
		expect(() => loadConfig({ MQTT_MAX_PACKET_BYTES: '10' })).toThrow(
			'MQTT_MAX_PACKET_BYTES must be between 1024 and 268435455'
		);
		expect(() => loadConfig({ INGEST_MAX_PENDING_BYTES: '0' })).toThrow(
			'INGEST_MAX_PENDING_BYTES must be greater than 0'
		);
	});

	it('hides the password of a URL, parsable or not', () => {
		expect(hidePassword('postgres://u:p%40ss@h:5432/db')).toBe('postgres://u:***@h:5432/db');
		expect(hidePassword('mqtt://u:pa ss@')).toBe('mqtt://u:pa ss@'); // no credentials pattern
		expect(hidePassword('nothing here')).toBe('nothing here');
	});
});
