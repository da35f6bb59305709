import { describe, expect, it } from 'vitest';
import { ruleFor } from '../auth/rules';
import { APPROVE, NEW_WARNING_ACTIONS, WARNING_ACTIONS } from './actions';

describe("the warning pages' actions check what rules.ts says", () => {
	it.each([
		['/console/warnings/new', NEW_WARNING_ACTIONS],
		['/console/warnings/[id]', WARNING_ACTIONS]
	] as const)('%s', (route, actions) => {
		for (const [name, grant] of Object.entries(actions))
			expect(ruleFor(route, 'POST', `?/${name}`), name).toEqual(grant);
	});
	it('lets only a supervisor or an admin approve, reject, issue or resend', () => {
		expect(APPROVE).toEqual(['supervisor', 'admin']);
		for (const a of ['approve', 'reject', 'issue', 'resend'] as const)
			expect(WARNING_ACTIONS[a]).not.toContain('operator');
	});
});
