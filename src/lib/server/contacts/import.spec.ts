import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTACT_COLUMNS, CONTACT_CSV_EXAMPLE } from '$lib/contacts/fields';
import { BASE_INDEX } from '../places/search';
import { lookupOf } from './area';
import { parseContact } from './fields';
import { parseContactCsv } from './import';
import { contactsCsv } from './store';
import type { Contact } from '../db/schema';

const KULOB_AREA: [number, number, number, number] = [69.5, 37.7, 70.2, 38.2];
const lookup = (anyGroup = false) =>
	lookupOf(BASE_INDEX, KULOB_AREA, new Map(), new Set(['kulob-rescue-1']), { anyGroup });

const HEADER = 'id,name,lang,phone,telegram_chat_id,email,groups,area,team';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('parseContactCsv', () => {
	it('takes good rows: the number in E.164, the area resolved to a circle round the place', () => {
		const r = parseContactCsv(
			csv(
				'c1,Focal point,tg,93 123 4567,,,focal_point,Кӯлоб,',
				'c2,Clinic,RU,,123456789,clinic@example.org,"clinic, school",Kulyab,kulob-rescue-1'
			),
			lookup(),
			new Set(['c2'])
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.badCount).toBe(0);
		expect(r.updates).toBe(1);
		expect(r.good.map((c) => [c.id, c.phone, c.lang, c.groups, c.areaKind, c.areaLabel])).toEqual([
			['c1', '+992931234567', 'tg', ['focal_point'], 'district', 'Кӯлоб'],
			['c2', null, 'ru', ['clinic', 'school'], 'district', 'Kulyab']
		]);
		// Both spellings are the one place: the same circle.
		expect(r.good[0].area).toEqual(r.good[1].area);
		expect(r.good[0].area.type).toBe('Polygon');
		expect(r.good[1].teamId).toBe('kulob-rescue-1');
	});

	it('names every bad row by its line and each bad field with the reason', () => {
		const r = parseContactCsv(
			csv(
				'ok-1,Good,tg,+992900000101,,,focal_point,Kulob,',
				'b-phone,Bad phone,tg,12345,,,school,Kulob,',
				'b-lang,Bad language,de,+992900000102,,,school,Kulob,',
				'b-area,Bad area,tg,+992900000103,,,school,Atlantisabad,',
				'b-none,No channel,tg,,,,school,Kulob,',
				'b-mail,Bad mail,tg,,,not-an-address,school,Kulob,',
				'ok-1,Twice,tg,+992900000104,,,school,Kulob,',
				'b-many,,xx,abc,12a,,focal point;Hacker Group,Nowhereville,ghost-team'
			),
			lookup(),
			new Set()
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.good.map((c) => c.id)).toEqual(['ok-1']);
		expect(r.badCount).toBe(7);
		const why = Object.fromEntries(
			r.bad.map((b) => [b.line, b.problems.map((p) => `${p.field}:${p.problem}`)])
		);
		expect(why).toEqual({
			3: ['phone:contacts_problem_phone'],
			4: ['lang:contacts_problem_lang'],
			5: ['area:contacts_problem_area_unknown'],
			6: ['phone:contacts_problem_no_channel'],
			7: ['email:contacts_problem_email'],
			8: ['id:contacts_problem_id_repeated'],
			9: [
				'name:contacts_problem_required',
				'lang:contacts_problem_lang',
				'phone:contacts_problem_phone',
				'telegram_chat_id:contacts_problem_chat',
				'groups:contacts_problem_group_admin',
				'area:contacts_problem_area_unknown',
				'team:contacts_problem_team'
			]
		});
		expect(r.bad.find((b) => b.line === 8)?.problems[0].params).toEqual({ line: 2 });
		expect(r.bad.find((b) => b.line === 3)?.problems[0].params).toEqual({ value: '12345' });
	});

	it('lets an admin use a group of their own, and nobody a group that is not a word', () => {
		const row = { id: 'x', name: 'X', phone: '931234567', area: 'Kulob', groups: 'mosque' };
		expect(parseContact(row, lookup(false)).ok).toBe(false);
		expect(parseContact(row, lookup(true))).toMatchObject({
			ok: true,
			value: { groups: ['mosque'] }
		});
		const bad = parseContact({ ...row, groups: 'Ünïcode!' }, lookup(true));
		expect(bad.ok ? [] : bad.problems.map((p) => p.problem)).toEqual(['contacts_problem_group']);
	});

	it('takes a drawn area as GeoJSON and refuses one that is not a closed polygon', () => {
		const square = {
			type: 'Polygon',
			coordinates: [
				[
					[69.7, 37.9],
					[69.8, 37.9],
					[69.8, 38],
					[69.7, 37.9]
				]
			]
		};
		const good = parseContact(
			{
				id: 'p',
				name: 'P',
				email: 'p@example.org',
				area: 'Upper Yakhsu',
				polygon: JSON.stringify(square)
			},
			lookup()
		);
		expect(good).toMatchObject({
			ok: true,
			value: { areaKind: 'polygon', areaLabel: 'Upper Yakhsu', area: square }
		});
		const open = {
			...square,
			coordinates: [
				[
					[69.7, 37.9],
					[69.8, 37.9],
					[69.8, 38],
					[69.7, 38]
				]
			]
		};
		const bad = parseContact(
			{ id: 'p', name: 'P', email: 'p@example.org', polygon: JSON.stringify(open) },
			lookup()
		);
		expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['polygon']);
	});

	it('takes the example the page shows', () => {
		const r = parseContactCsv(CONTACT_CSV_EXAMPLE, lookup(), new Set());
		expect(r.ok && r.good.map((c) => [c.id, c.areaKind, c.phone])).toEqual([
			['vs-fp-1', 'district', '+992900001001'],
			['kl-sch-53', 'district', null]
		]);
	});

	it('takes the example of docs/messaging.md', () => {
		const doc = readFileSync(new URL('../../../../docs/messaging.md', import.meta.url), 'utf8');
		const example = doc.match(/```csv\n([\s\S]*?)```/)?.[1] ?? '';
		const r = parseContactCsv(example, lookup(), new Set());
		expect(r.ok && r.badCount).toBe(0);
		expect(r.ok && r.good.map((c) => c.areaKind)).toEqual(['district', 'district', 'polygon']);
	});

	it('refuses a file without the needed columns, or with too little', () => {
		expect(parseContactCsv('name,phone\r\nA,931234567\r\n', lookup(), new Set())).toMatchObject({
			ok: false,
			problem: 'contacts_file_header',
			params: { need: 'id' }
		});
		expect(parseContactCsv(HEADER + '\r\n', lookup(), new Set())).toMatchObject({
			ok: false,
			problem: 'contacts_file_empty'
		});
	});

	it('reads back its own export unchanged: a district by name, a jamoat unknown to the gazetteer by its outline', () => {
		const rows = parseContactCsv(
			csv('a,=cmd(),en,+992900000101,-100900000501,,hukumat,Kulob,'),
			lookup(),
			new Set()
		);
		if (!rows.ok) throw new Error('not ok');
		const jamoat = {
			...rows.good[0],
			id: 'b',
			areaKind: 'jamoat',
			areaLabel: 'Dahana',
			area: rows.good[0].area
		};
		const stored = [rows.good[0], jamoat].map(
			(c) => ({ ...c, createdAt: new Date(), updatedAt: new Date() }) as Contact
		);
		const text = contactsCsv(stored, (c) => c.id === 'a');
		expect(text.split('\r\n')[0]).toBe(CONTACT_COLUMNS.join(','));
		// A formula is not run by a spreadsheet; a number keeps its "+", a group chat its "-".
		expect(text).toContain("'=cmd()");
		expect(text).toContain('+992900000101,-100900000501');
		const back = parseContactCsv(text, lookup(), new Set(['a', 'b']));
		if (!back.ok) throw new Error('not ok');
		expect(back.badCount).toBe(0);
		expect(back.updates).toBe(2);
		expect(back.good[0]).toMatchObject({
			phone: '+992900000101',
			telegramChatId: '-100900000501',
			areaKind: 'district'
		});
		expect(back.good[1]).toMatchObject({
			areaKind: 'jamoat',
			areaLabel: 'Dahana',
			area: jamoat.area
		});
	});
});
