import { describe, expect, it } from 'vitest';
import { makeIncident } from '$lib/live/fixtures';
import { sitrepPhotos } from './sitrep-photos';

const withPhotos = (id: string, n: number) =>
	makeIncident({
		id,
		photos: Array.from({ length: n }, (_, k) => ({
			id: `${id}-${k}`,
			reporter: 'kulob-rescue-1',
			ts: '2026-05-07T02:10:00.000Z'
		}))
	});

describe('the sitrep photos', () => {
	it('shows the first two of each incident, twelve at most, and counts the rest', () => {
		const incidents = [withPhotos('a', 3), withPhotos('b', 0), withPhotos('c', 1)];
		for (let k = 0; k < 7; k++) incidents.push(withPhotos(`d${k}`, 2));
		const { shown, more } = sitrepPhotos(incidents);
		expect(shown.map((s) => s.photos.map((p) => p.id))).toEqual([
			['a-0', 'a-1'],
			['c-0'],
			['d0-0', 'd0-1'],
			['d1-0', 'd1-1'],
			['d2-0', 'd2-1'],
			['d3-0', 'd3-1'],
			['d4-0']
		]);
		expect(shown.flatMap((s) => s.photos)).toHaveLength(12);
		// a's third, d4's second, d5's and d6's two each
		expect(more).toBe(6);
	});

	it('shows nothing, and counts nothing, without photos', () => {
		expect(sitrepPhotos([makeIncident()])).toEqual({ shown: [], more: 0 });
	});
});
