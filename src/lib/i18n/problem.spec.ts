import { describe, expect, it } from 'vitest';
import { problemText } from './problem';

describe('problemText', () => {
	it('gives the message of a key, and the key itself when there is none', () => {
		expect(problemText('title_missing')).toBe('Give the incident a title.');
		expect(problemText('no_such_key')).toBe('no_such_key');
		expect(problemText(undefined)).toBe('');
	});
});
