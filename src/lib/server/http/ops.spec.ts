import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { handleUnexpected } from './ops';
import { log } from '../ops/log';
import { securityHeaders } from './security-headers';

const event = {
	route: { id: '/console' },
	request: new Request('http://app/console')
} as unknown as RequestEvent;

describe('unexpected errors', () => {
	it('logs the error with its stack and an id, and gives the client only the id', async () => {
		const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const err = new Error('relation "secret_table" does not exist');
		const out = await handleUnexpected({
			error: err,
			event,
			status: 500,
			message: 'Internal Error'
		});
		expect(out).toEqual({
			message: 'Internal error',
			errorId: expect.stringMatching(/^[0-9a-f]{12}$/)
		});
		expect(JSON.stringify(out)).not.toContain('secret_table');
		const [fields, msg] = spy.mock.calls[0] as unknown as [Record<string, unknown>, string];
		expect(msg).toBe('unexpected error');
		expect(fields).toMatchObject({ err, errorId: out?.errorId, route: '/console', method: 'GET' });
		spy.mockRestore();
	});

	it('does not log a path that names nothing', async () => {
		const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const out = await handleUnexpected({
			error: new Error('Not found: /x'),
			event,
			status: 404,
			message: 'Not Found'
		});
		expect(out).toEqual({ message: 'Not Found' });
		expect(spy).not.toHaveBeenCalled();
		spy.mockRestore();
	});
});

describe('security headers', () => {
	it('forbid sniffing and framing, and add HSTS only under an https ORIGIN', () => {
		expect(securityHeaders(undefined)).toEqual({
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin',
			'x-frame-options': 'DENY'
		});
		expect(securityHeaders('http://eoc.lan:3000')).not.toHaveProperty('strict-transport-security');
		expect(securityHeaders('https://eoc.example.tj')).toHaveProperty(
			'strict-transport-security',
			'max-age=31536000'
		);
	});
});
