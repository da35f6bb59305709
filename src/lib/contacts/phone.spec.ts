import { describe, expect, it } from 'vitest';
import {
	maskChatId,
	maskEmail,
	maskPhone,
	normaliseChatId,
	normaliseEmail,
	normalisePhone
} from './phone';

describe('normalisePhone', () => {
	it.each([
		['93 123 4567', '+992931234567'],
		['+992 93 123 45 67', '+992931234567'],
		['(93) 123-45-67', '+992931234567'],
		['0931234567', '+992931234567'],
		['8 93 123 4567', '+992931234567'],
		['00992 93 123 45 67', '+992931234567'],
		['+992 90 000 0101', '+992900000101'],
		['+7 916 123 45 67', '+79161234567']
	])('reads %s as %s', (typed, e164) => {
		expect(normalisePhone(typed)).toBe(e164);
	});

	it.each(['', '12', '+992', '+992 93 123', 'call me', '93 123 4567 ext 2', '+99290000123'])(
		'refuses %j',
		(typed) => {
			expect(normalisePhone(typed)).toBeNull();
		}
	);
});

describe('maskPhone', () => {
	it('keeps the country code and the last two digits, grouped from the end', () => {
		expect(maskPhone('+992931234567')).toBe('+992 ••• ••• •67');
		expect(maskPhone('+992900000101')).toBe('+992 ••• ••• •01');
	});

	it('finds the country code of any country, not only Tajikistan', () => {
		expect(maskPhone('+79161234567')).toBe('+7 • ••• ••• •67');
		expect(maskPhone('+442079460958')).toBe('+44 • ••• ••• •58');
		expect(maskPhone('+12025550143')).toBe('+1 • ••• ••• •43');
	});

	it('shows no digit of the subscriber number but the last two, whatever the number', () => {
		for (const e164 of ['+992931234567', '+79161234567', '+442079460958']) {
			const national = e164.replace(/^\+(992|7|44)/, '');
			const masked = maskPhone(e164);
			expect(masked.replace(/^\+\d+ /, '').replace(/[• ]/g, '')).toBe(national.slice(-2));
		}
	});

	it('shows only dots for what is not E.164', () => {
		for (const bad of ['', '931234567', '+99', 'abc', '+992 93 123 45 67'])
			expect(maskPhone(bad)).toBe('•••');
	});
});

describe('chat ids and email addresses', () => {
	it('masks a chat id to its sign and last two digits', () => {
		expect(maskChatId('123456789')).toBe('•••••••89');
		expect(maskChatId('-100900000501')).toBe('-••••••••••01');
		expect(maskChatId('1234')).toBe('•••');
		expect(maskChatId('abc')).toBe('•••');
	});

	it('masks an email to its first letter and the domain', () => {
		expect(maskEmail('school53@demo.example.org')).toBe('s•••@demo.example.org');
		expect(maskEmail('nobody')).toBe('•••');
	});

	it('reads chat ids and addresses, refusing what they are not', () => {
		expect(normaliseChatId(' 123456789 ')).toBe('123456789');
		expect(normaliseChatId('-100123')).toBe('-100123');
		expect(normaliseChatId('12a')).toBeNull();
		expect(normaliseChatId('0')).toBeNull();
		expect(normaliseEmail(' a@b.tj ')).toBe('a@b.tj');
		for (const bad of ['a@b', 'a b@c.tj', '@c.tj', 'a@@c.tj', 'a@c.t'])
			expect(normaliseEmail(bad)).toBeNull();
	});
});
