import { describe, expect, it } from 'vitest';
import { ruleFor } from '../auth/rules';
import { DEVICE_ACTIONS, LOG_ACTIONS, SETTINGS_ACTIONS } from './grants';

describe('the console actions check what rules.ts says', () => {
	it.each([
		['/console/log', LOG_ACTIONS],
		['/console/settings', SETTINGS_ACTIONS],
		['/console/devices', DEVICE_ACTIONS]
	] as const)('%s', (route, actions) => {
		for (const [name, grant] of Object.entries(actions))
			expect(ruleFor(route, 'POST', `?/${name}`), name).toEqual(grant);
	});
	it('lets only a supervisor or an admin verify, and an operator post', () => {
		expect(LOG_ACTIONS.verify).toEqual(['supervisor', 'admin']);
		expect(LOG_ACTIONS.post).toContain('operator');
	});
});
