import { describe, expect, it } from 'vitest';
import { leavesAnAdmin } from './accounts';

const admin = (id: string, disabled = false) => ({ id, email: `${id}@x`, role: 'admin', disabled });

describe('the last-admin rule', () => {
	it('refuses to disable or demote the only active admin', () => {
		expect(leavesAnAdmin(['a'], admin('a'), { kind: 'disable' })).toBe(false);
		expect(leavesAnAdmin(['a'], admin('a'), { kind: 'role', role: 'operator' })).toBe(false);
	});

	it('allows it while another active admin remains', () => {
		expect(leavesAnAdmin(['a', 'b'], admin('a'), { kind: 'disable' })).toBe(true);
		expect(leavesAnAdmin(['a', 'b'], admin('b'), { kind: 'role', role: 'viewer' })).toBe(true);
	});

	it('does not count a disabled admin, and lets changes that keep the admin through', () => {
		// b is disabled, so is not in the active list: a is the last one.
		expect(leavesAnAdmin(['a'], admin('a'), { kind: 'role', role: 'supervisor' })).toBe(false);
		expect(leavesAnAdmin(['a'], admin('b', true), { kind: 'disable' })).toBe(true);
		expect(leavesAnAdmin(['a'], admin('a'), { kind: 'role', role: 'admin' })).toBe(true);
		expect(leavesAnAdmin(['a'], admin('a'), { kind: 'reset-password' })).toBe(true);
		expect(leavesAnAdmin(['a'], admin('a'), { kind: 'end-sessions' })).toBe(true);
		expect(leavesAnAdmin([], { ...admin('o'), role: 'operator' }, { kind: 'disable' })).toBe(true);
	});
});
