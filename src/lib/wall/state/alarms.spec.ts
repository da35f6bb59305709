import { describe, expect, it } from 'vitest';
import { makeAlarm } from './alarm-fixtures';
import { activeAlarms, clearedAlarms, isEscalated, subjectOf } from './alarms';

const at = (iso: string) => Date.parse(iso);

describe('alarms on the wall and the console', () => {
	it('lists the active ones newest first, the cleared ones apart', () => {
		const old = makeAlarm({ id: 'a', firstSeen: '2026-12-07T08:00:00Z' });
		const fresh = makeAlarm({ id: 'b', firstSeen: '2026-12-07T09:30:00Z' });
		const gone = makeAlarm({ id: 'c', clearedAt: '2026-12-07T09:40:00Z' });
		expect(activeAlarms([old, gone, fresh]).map((a) => a.id)).toEqual(['b', 'a']);
		expect(clearedAlarms([old, gone, fresh]).map((a) => a.id)).toEqual(['c']);
	});

	it('is escalated only unacknowledged, uncleared and past its limit', () => {
		const a = makeAlarm({ escalateAt: '2026-12-07T09:10:00Z' });
		expect(isEscalated(a, at('2026-12-07T09:09:59Z'))).toBe(false);
		expect(isEscalated(a, at('2026-12-07T09:10:00Z'))).toBe(true);
		const now = at('2026-12-07T10:00:00Z');
		expect(isEscalated({ ...a, acknowledgedAt: '2026-12-07T09:20:00Z' }, now)).toBe(false);
		expect(isEscalated({ ...a, clearedAt: '2026-12-07T09:20:00Z' }, now)).toBe(false);
		expect(isEscalated(makeAlarm({ escalateAt: null }), now)).toBe(false);
	});

	it('names the subject, or its id when it has no name', () => {
		expect(subjectOf(makeAlarm())).toBe('Kulob river gauge');
		expect(subjectOf(makeAlarm({ subjectName: null, subjectId: 'g-7' }))).toBe('g-7');
		const stock = makeAlarm({
			subjectKind: 'stock',
			subjectName: 'Kulob warehouse · Drinking water',
			subjectNames: {
				en: 'Kulob warehouse · Drinking water',
				tg: 'Kulob warehouse · Оби ошомидани'
			}
		});
		expect(subjectOf(stock, 'tg')).toBe('Kulob warehouse · Оби ошомидани');
		expect(subjectOf(stock, 'ru')).toBe('Kulob warehouse · Drinking water');
		expect(subjectOf(stock)).toBe('Kulob warehouse · Drinking water');
	});
});
