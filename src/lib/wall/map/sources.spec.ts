import { describe, expect, it, vi } from 'vitest';
import { basemapUrl, loadReferenceLayers } from './sources';

const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('map sources', () => {
	it('load the list, then each layer; a layer that fails is left out', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const fc = { type: 'FeatureCollection', features: [] };
		const fetcher = vi.fn(async (url: string | URL | Request) => {
			const u = String(url);
			if (u === '/api/v1/layers') return json([{ id: 'a b' }, { id: 'gone' }]);
			if (u === '/api/v1/layers/a%20b') return json(fc);
			return json({ message: 'no' }, 404);
		}) as unknown as typeof fetch;
		const layers = await loadReferenceLayers(fetcher);
		expect(layers).toEqual([{ id: 'a b', data: fc }]);
		expect(warn).toHaveBeenCalledOnce();
		warn.mockRestore();
	});

	it('say when the list cannot be read, so the map can retry', async () => {
		const fetcher = (async () => json({}, 503)) as unknown as typeof fetch;
		await expect(loadReferenceLayers(fetcher)).rejects.toThrow(/HTTP 503/);
	});

	it('read whether a basemap is served', async () => {
		const on = (async () =>
			json({ pmtiles: '/api/v1/basemap.pmtiles' })) as unknown as typeof fetch;
		const off = (async () => json({ pmtiles: null })) as unknown as typeof fetch;
		expect(await basemapUrl(on)).toBe('/api/v1/basemap.pmtiles');
		expect(await basemapUrl(off)).toBeNull();
	});
});
