import { describe, expect, it } from 'vitest';
import { nearestPlace } from './places';
import { KULOB_PLACES } from './places';

describe('nearest place', () => {
	it('is the town itself when close to its centre', () => {
		const near = nearestPlace(37.9168, 69.7851, KULOB_PLACES);
		expect(near?.place.id).toBe('kulob');
		expect(near?.km).toBe(0);
	});

	it('gives distance and direction from the town', () => {
		// The demo landslide on the road to Muminobod: about 10 km north-east of Kulob.
		const near = nearestPlace(37.9862, 69.8595, KULOB_PLACES);
		expect(near).toMatchObject({ km: 10, arrow: '↗' });
		expect(near?.place.id).toBe('kulob');
		expect(nearestPlace(37.81, 69.64, KULOB_PLACES)?.place.id).toBe('vose');
		expect(nearestPlace(37.7, 69.784, KULOB_PLACES.slice(0, 1))?.arrow).toBe('↓');
		expect(nearestPlace(37, 69, [])).toBeNull();
	});
});
