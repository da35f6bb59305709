import { describe, expect, it } from 'vitest';
import { nearestPlace } from '$lib/wall/boards/places';
import { KULOB_PLACES } from '$lib/wall/boards/places';
import { ageWord, exerciseBanner, placeWord } from './words';

describe('words built from data', () => {
	it('the EXERCISE banner speaks all three languages, the screen’s own first', () => {
		expect(exerciseBanner('en')).toBe('EXERCISE · МАШҚ · УЧЕНИЯ');
		expect(exerciseBanner('tg')).toBe('МАШҚ · EXERCISE · УЧЕНИЯ');
		expect(exerciseBanner('ru').split(' · ').sort()).toEqual(['EXERCISE', 'МАШҚ', 'УЧЕНИЯ']);
	});

	it('names the nearest place in the screen’s language, with distance and direction', () => {
		const near = nearestPlace(37.9862, 69.8595, KULOB_PLACES);
		expect(near).not.toBeNull();
		expect(placeWord(near!, 'tg')).toBe('Кӯлоб · 10 км ↗');
		expect(placeWord(near!, 'ru')).toBe('Куляб · 10 км ↗');
		expect(placeWord({ ...near!, km: 0 }, 'en')).toBe('Kulob');
	});

	it('words ages, and says so when there is none', () => {
		expect(ageWord(3 * 60_000)).toBe('3 min');
		expect(ageWord(null)).toBe('—');
	});
});
