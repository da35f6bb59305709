import { describe, expect, it } from 'vitest';
import { StreamSlots } from './limits';

describe('stream slots', () => {
	it('caps streams per principal and in all, and frees a place once', () => {
		const slots = new StreamSlots(() => ({ perPrincipal: 2, total: 3 }));
		const a1 = slots.take('user:a');
		const a2 = slots.take('user:a');
		expect(typeof a1).toBe('function');
		expect(typeof a2).toBe('function');
		expect(slots.take('user:a')).toBe('principal');
		const b1 = slots.take('api:b');
		expect(typeof b1).toBe('function');
		expect(slots.take('api:c')).toBe('total');
		(a1 as () => void)();
		(a1 as () => void)(); // twice: freed once
		expect(slots.open).toBe(2);
		expect(typeof slots.take('api:c')).toBe('function');
		expect(slots.take('user:a')).toBe('total');
	});
});
