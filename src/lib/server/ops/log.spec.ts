import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, hidePassword } from './log';

function capture() {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk, _enc, done) {
			lines.push(String(chunk));
			done();
		}
	});
	return { log: createLogger(stream), lines };
}

describe('log', () => {
	it('never writes a secret field, nor the password of a URL in a field or the message', () => {
		const { log, lines } = capture();
		log.warn(
			{
				url: 'mqtt://app:hunter22@broker:1883',
				config: { DATABASE_URL: 'postgres://eoc:pg-s3cret@db/eoc', password: 'plain-pw' },
				token: 'eoc_a_abcdefghijklmnopqrstuvwxyz234567',
				detail: 'connect to postgres://eoc:pg-s3cret@db/eoc failed'
			},
			'cannot reach mqtt://app:hunter22@broker'
		);
		const out = lines.join('');
		for (const secret of ['hunter22', 'pg-s3cret', 'plain-pw', 'eoc_a_abc'])
			expect(out).not.toContain(secret);
		const line = JSON.parse(out);
		expect(line.url).toBe('mqtt://app:***@broker:1883');
		expect(line.config.DATABASE_URL).toBe('postgres://eoc:***@db/eoc');
		expect(line.msg).toBe('cannot reach mqtt://app:***@broker');
	});

	it('logs an error under err with its stack', () => {
		const { log, lines } = capture();
		log.error({ err: new Error('boom') }, 'unexpected');
		const line = JSON.parse(lines[0]);
		expect(line.err).toMatchObject({ type: 'Error', message: 'boom' });
		expect(line.err.stack).toContain('log.spec.ts');
	});

	it('hides every password in a string, even in a URL too broken to parse', () => {
		expect(hidePassword('a mqtt://u:p1@h b ws://v:p2@k')).toBe('a mqtt://u:***@h b ws://v:***@k');
		expect(hidePassword('postgres://u:p@ss:w@rd@host/db')).toBe('postgres://u:***@host/db');
	});
});
