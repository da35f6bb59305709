import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EOC_NAME_MAX, LOG_TEXT_MAX, STALE_MIN_MAX } from '$lib/console/limits';
import { logPostSchema, logVerifySchema } from './log-form';

const post = (f: Partial<Record<'text' | 'incidentId' | 'significant', string>>) =>
	logPostSchema.safeParse({ text: '', incidentId: '', significant: '', ...f });
const problem = (r: ReturnType<typeof post> | ReturnType<typeof logVerifySchema.safeParse>) =>
	r.success ? null : r.error.issues[0].message;

describe('logPostSchema', () => {
	it('takes the text trimmed with line ends as \\n, an incident or none, the checkbox', () => {
		const r = post({
			text: '  Bridge at Kulob\r\nclosed \r',
			incidentId: ' inc-1 ',
			significant: 'on'
		});
		expect(r.success && r.data).toEqual({
			text: 'Bridge at Kulob\nclosed',
			incidentId: 'inc-1',
			significant: true
		});
		const plain = post({ text: 'Сел в Кӯлоб <script>' });
		expect(plain.success && plain.data).toEqual({
			text: 'Сел в Кӯлоб <script>',
			incidentId: null,
			significant: false
		});
	});
	it('refuses an empty entry, blanks only, one over the limit, and a NUL', () => {
		expect(problem(post({ text: '' }))).toBe('log_text_missing');
		expect(problem(post({ text: ' \n\t ' }))).toBe('log_text_missing');
		expect(post({ text: 'x'.repeat(LOG_TEXT_MAX) }).success).toBe(true);
		expect(problem(post({ text: 'x'.repeat(LOG_TEXT_MAX + 1) }))).toBe('log_text_too_long');
		expect(problem(post({ text: 'a\0b' }))).toBe('log_text_invalid');
	});
	it('refuses an incident id no incident could have', () => {
		expect(problem(post({ text: 'x', incidentId: 'i'.repeat(201) }))).toBe('log_incident_unknown');
	});
});

describe('logVerifySchema', () => {
	it('takes a positive whole id and nothing else', () => {
		const ok = logVerifySchema.safeParse({ id: '42' });
		expect(ok.success && ok.data.id).toBe(42);
		for (const id of ['', '0', '-1', '1.5', '07', 'abc', '9'.repeat(16)])
			expect(problem(logVerifySchema.safeParse({ id })), id).toBe('log_not_found');
	});
});

describe('the problem messages', () => {
	it('name the bounds the forms enforce', () => {
		const en = JSON.parse(
			readFileSync(new URL('../../../../messages/en.json', import.meta.url), 'utf8')
		) as Record<string, string>;
		expect(en.log_text_too_long).toContain(String(LOG_TEXT_MAX));
		expect(en.eoc_name_too_long).toContain(String(EOC_NAME_MAX));
		expect(en.stale_invalid).toContain(String(STALE_MIN_MAX));
		expect(en.occupancy_invalid).toContain('100,000');
	});
});
