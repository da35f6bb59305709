import { describe, expect, it } from 'vitest';
import { buildAtlas, CELL, ICON_ATLAS, ICON_MAPPING, iconSources } from './icons';

describe('icon atlas', () => {
	const atlas = buildAtlas();

	it('is a self-contained SVG: no URL, no font, nothing to fetch', () => {
		expect(ICON_ATLAS.startsWith('data:image/svg+xml')).toBe(true);
		expect(atlas.svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)|<text|font-family|href=/);
	});

	it('maps every icon to its own cell inside the atlas', () => {
		const cells = new Set<string>();
		for (const [name, def] of Object.entries(ICON_MAPPING)) {
			expect(def.x + def.width, name).toBeLessThanOrEqual(atlas.width);
			expect(def.y + def.height, name).toBeLessThanOrEqual(atlas.height);
			expect(def.width).toBe(CELL);
			cells.add(`${def.x},${def.y}`);
		}
		expect(cells.size).toBe(Object.keys(ICON_MAPPING).length);
	});

	it('tints incident glyphs (masks) but keeps the colours of team, gauge and shelter symbols', () => {
		const sources = iconSources();
		expect(sources['incident-fire'].mask).toBe(true);
		expect(sources['team-available'].svg).toContain('#009E73');
		expect(sources['team-available'].svg).toContain('<circle');
		expect(sources['team-en_route'].svg).toContain('#56B4E9');
		expect(sources['team-on_scene'].svg).toContain('#E69F00');
		expect(sources['team-on_scene'].svg).toContain('<path');
		expect(sources['team-out_of_service'].svg).toContain('<rect');
		expect(sources['team-stale-triangle'].svg).toContain('stroke-dasharray');
		expect(sources['team-available'].svg).not.toContain('stroke-dasharray');
		expect(sources['sensor-danger'].svg).not.toBe(sources['sensor-warning'].svg);
		expect(ICON_MAPPING['shelter-full'].mask).toBe(false);
	});
});
