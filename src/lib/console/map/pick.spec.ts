import { describe, expect, it } from 'vitest';
import { centreText, incidentAt, pointOf } from './pick';

describe('incidentAt', () => {
	const near = [
		{ id: 'a', x: 100, y: 100 },
		{ id: 'b', x: 110, y: 100 }
	];
	it('takes the nearest incident within the radius, else none', () => {
		expect(incidentAt({ x: 108, y: 101 }, near)).toBe('b');
		expect(incidentAt({ x: 99, y: 99 }, near)).toBe('a');
		expect(incidentAt({ x: 200, y: 200 }, near)).toBeNull();
		expect(incidentAt({ x: 100, y: 130 }, near, 22)).toBeNull();
	});
});

describe('pointOf', () => {
	it('reads a point as typed, or null while it is not one', () => {
		expect(pointOf('37.9145', '69.7846')).toEqual({ lat: 37.9145, lon: 69.7846 });
		expect(pointOf('', '69.7')).toBeNull();
		expect(pointOf('91', '69.7')).toBeNull();
		expect(pointOf('37.9', 'east')).toBeNull();
	});
});

describe('centreText', () => {
	it('gives five decimals', () => {
		expect(centreText({ lat: 37.914512345, lng: 69.78 })).toBe('37.91451,69.78000');
	});
});
