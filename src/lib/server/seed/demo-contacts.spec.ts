import booleanIntersects from '@turf/boolean-intersects';
import { describe, expect, it } from 'vitest';
import { CONTACT_GROUPS } from '$lib/contacts/fields';
import { normalisePhone } from '$lib/contacts/phone';
import { demoContacts } from './demo-contacts';
import { demoData } from './demo';

describe('the demo contact directory', () => {
	const contacts = demoContacts();

	it('is made up and says so: demo ids and names, +992 90 000 xxxx, example.org', () => {
		expect(new Set(contacts.map((c) => c.id)).size).toBe(contacts.length);
		for (const c of contacts) {
			expect(c.id).toMatch(/^demo-/);
			expect(c.name).toMatch(/^Demo /);
			if (c.phone) {
				expect(c.phone).toMatch(/^\+99290000\d{4}$/);
				expect(normalisePhone(c.phone)).toBe(c.phone);
			}
			if (c.email) expect(c.email).toMatch(/@demo\.example\.org$/);
			expect(c.phone || c.telegramChatId || c.email).toBeTruthy();
		}
	});

	it('has every usual group in Kulob, each in a language of its own, and three drill test contacts', () => {
		const real = contacts.filter((c) => !c.exerciseTest);
		expect(new Set(real.flatMap((c) => c.groups))).toEqual(new Set(CONTACT_GROUPS));
		expect(contacts.filter((c) => c.exerciseTest).map((c) => c.lang)).toEqual(['tg', 'ru', 'en']);
		const kulob: GeoJSON.Point = { type: 'Point', coordinates: [69.784, 37.914] };
		for (const c of contacts.filter((c) => c.areaKind === 'district'))
			expect(booleanIntersects(c.area, kulob), c.id).toBe(true);
		expect(contacts.filter((c) => c.areaKind === 'jamoat').length).toBeGreaterThanOrEqual(3);
	});

	it('names the demo team its leader belongs to', () => {
		const teams = new Set<string>(demoData().teams.map((t) => t.id));
		for (const c of contacts.filter((c) => c.teamId)) expect(teams.has(c.teamId!)).toBe(true);
	});
});
