import { describe, expect, it } from 'vitest';
import { makeAlert, makeSnapshot } from '$lib/live/fixtures';
import type { AlertInfoView } from '$lib/live/types';
import { activeAlerts, infoFor } from './alerts';
import { exerciseIds } from './marks';
import { applyEvent, fromSnapshot } from '$lib/live/reduce';

const NOW = Date.parse('2026-05-07T03:00:00Z');
const info = (over: Partial<AlertInfoView>): AlertInfoView => ({
	...makeAlert().info[0],
	...over
});

describe('activeAlerts', () => {
	it('drops expired and not-shown alerts, most severe first', () => {
		const list = activeAlerts(
			[
				makeAlert({ id: 'minor', info: [info({ severity: 'Minor' })] }),
				makeAlert({ id: 'extreme', info: [info({ severity: 'Extreme' })] }),
				makeAlert({ id: 'old', expiresAt: '2026-05-07T02:59:59.000Z' }),
				makeAlert({ id: 'test', shown: false })
			],
			NOW,
			'en'
		);
		expect(list.map((a) => a.id)).toEqual(['extreme', 'minor']);
	});

	it('speaks the screen language when the alert has it, else English, else its first', () => {
		const a = makeAlert({
			info: [
				info({ language: 'en-US', headline: 'Heavy rain' }),
				info({ language: 'ru', headline: 'Сильный дождь' }),
				info({ language: 'tg-TJ', headline: 'Борони шадид' })
			]
		});
		expect(infoFor(a, 'tg')?.headline).toBe('Борони шадид');
		expect(infoFor(a, 'ru')?.headline).toBe('Сильный дождь');
		expect(infoFor(makeAlert({ info: [info({ language: 'fr' })] }), 'ru')?.language).toBe('fr');
		expect(activeAlerts([a], NOW, 'ru')[0].headline).toBe('Сильный дождь');
	});

	it('takes every area of its language, and the event when there is no headline', () => {
		const second = info({ headline: undefined, event: 'Mudflow', severity: 'Extreme' });
		const [a] = activeAlerts([makeAlert({ info: [info({}), second] })], NOW, 'en');
		expect(a).toMatchObject({ headline: 'Mudflow', severity: 'Extreme' });
		expect(a.areas).toHaveLength(2);
	});
});

describe('alerts in the live state', () => {
	it('a snapshot holds shown alerts; a delta that is no longer shown removes it', () => {
		let data = fromSnapshot(makeSnapshot({ alerts: [makeAlert({ id: 'a1' })] }));
		expect([...data.alerts.keys()]).toEqual(['a1']);
		data = applyEvent(data, {
			type: 'alert',
			data: makeAlert({ id: 'a1', shown: false, supersededBy: 'x' })
		});
		expect(data.alerts.size).toBe(0);
		const same = applyEvent(data, { type: 'alert', data: makeAlert({ id: 'a2', shown: false }) });
		expect(same).toBe(data);
	});

	it("a drill's alert raises the EXERCISE banner", () => {
		const data = fromSnapshot(
			makeSnapshot({ alerts: [makeAlert({ status: 'Exercise', exercise: 'kulob-mudflow-1' })] })
		);
		expect(exerciseIds(data)).toContain('kulob-mudflow-1');
	});
});
