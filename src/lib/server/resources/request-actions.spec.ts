import { describe, expect, it } from 'vitest';
import { ruleFor } from '../auth/rules';
import { NEW_REQUEST_ACTIONS, REQUEST_ACTIONS, taskingOf } from './request-actions';
import { resourceTaskingPayloadSchema } from '$lib/contracts/resources';

describe('the request actions', () => {
	it.each([
		['/console/requests/new', NEW_REQUEST_ACTIONS],
		['/console/requests/[id]', REQUEST_ACTIONS]
	] as const)('check what rules.ts says on %s', (route, actions) => {
		for (const [name, grant] of Object.entries(actions))
			expect(ruleFor(route, 'POST', `?/${name}`), name).toEqual(grant);
	});

	it('let only a supervisor or an admin approve or refuse, and an operator move a request on', () => {
		expect(REQUEST_ACTIONS.approve).toEqual(['supervisor', 'admin']);
		expect(REQUEST_ACTIONS.refuse).toEqual(['supervisor', 'admin']);
		for (const a of ['assign', 'enroute', 'deliver', 'cancel'] as const)
			expect(REQUEST_ACTIONS[a]).toContain('operator');
	});

	it('word a tasking by the contract, with a default message when the operator gave none', () => {
		const a = {
			resourceId: 'exc-1',
			requestId: 'req-1',
			incidentId: 'i-1',
			place: 'Sari Kulob',
			lat: 37.91,
			lon: 69.78,
			priority: 'urgent' as const,
			exercise: null
		};
		const t = taskingOf(a, '');
		expect(resourceTaskingPayloadSchema.parse(t)).toMatchObject({
			requestId: 'req-1',
			incidentId: 'i-1',
			lat: 37.91,
			priority: 'urgent',
			message: 'Request req-1: go to Sari Kulob'
		});
		expect(taskingOf({ ...a, lat: null, lon: null }, 'Clear the road').message).toBe(
			'Clear the road'
		);
		expect('lat' in taskingOf({ ...a, lat: null, lon: null }, '')).toBe(false);
	});
});
