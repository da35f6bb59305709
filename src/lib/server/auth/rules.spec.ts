import { describe, expect, it } from 'vitest';
import { allows, READ, type Principal } from './roles';
import { ruleFor } from './rules';

const user = (role: 'admin' | 'viewer'): Principal => ({
	kind: 'user',
	id: 'u',
	email: 'u@example.org',
	name: 'U',
	role,
	mustChangePassword: false
});

describe('ruleFor', () => {
	it('finds a method rule, with HEAD falling back to GET', () => {
		expect(ruleFor('/api/v1/teams', 'GET', '')).toBe(READ);
		expect(ruleFor('/api/v1/teams', 'HEAD', '')).toBe(READ);
		expect(ruleFor('/api/v1/teams', 'POST', '')).toBeUndefined();
	});
	it('finds a form action by its ?/name, and the default action without one', () => {
		expect(ruleFor('/admin/tokens', 'POST', '?/revoke')).toEqual(['admin']);
		expect(ruleFor('/admin/tokens', 'POST', '?/revoke&x=1')).toEqual(['admin']);
		expect(ruleFor('/admin/tokens', 'POST', '')).toBeUndefined();
		expect(ruleFor('/login', 'POST', '')).toBe('public');
	});
	it('has nothing for a route that is not in the table', () => {
		expect(ruleFor('/no/such/route', 'GET', '')).toBeUndefined();
	});
});

describe('allows', () => {
	it('lets anyone through a public rule and nobody anonymous through a list', () => {
		expect(allows('public', null)).toBe(true);
		expect(allows(READ, null)).toBe(false);
	});
	it('goes by role for people and by kind for tokens', () => {
		expect(allows(['admin'], user('admin'))).toBe(true);
		expect(allows(['admin'], user('viewer'))).toBe(false);
		expect(allows(READ, { kind: 'display', id: 'd', name: 'hall' })).toBe(true);
		expect(allows(['admin', 'api'], { kind: 'display', id: 'd', name: 'hall' })).toBe(false);
	});
});
