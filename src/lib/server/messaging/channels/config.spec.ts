import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config';
import { createLogger } from '../../ops/log';
import { createChannels } from './index';

const problems = (env: Record<string, string>) => {
	try {
		loadConfig(env);
		return [];
	} catch (e) {
		return (e as ConfigError).problems;
	}
};

describe('channel configuration', () => {
	it('no channel variables: no channels, and the defaults for rates', () => {
		const c = loadConfig({});
		expect(c).toMatchObject({
			SMS_GATEWAY_RATE: 1,
			SMPP_RATE: 20,
			TELEGRAM_RATE: 25,
			SMTP_RATE: 10,
			SMPP_PREFIXES: []
		});
		expect(createChannels(c, createLogger({ write() {} })).size).toBe(0);
	});

	it('each bad value is named with what is expected', () => {
		const p = problems({
			SMS_GATEWAY_URL: 'ftp://x',
			SMPP_URL: 'smpp://host:2775',
			SMPP_SOURCE_ADDR: 'EOC',
			SMPP_PREFIXES: '99290, +99288',
			TELEGRAM_BOT_TOKEN: 'nope',
			TELEGRAM_RECEIVE: 'push',
			SMTP_URL: 'smtp://mail.example.tj',
			SMTP_RATE: 'fast'
		});
		for (const name of [
			'SMS_GATEWAY_URL',
			'SMPP_URL',
			'SMPP_PREFIXES',
			'TELEGRAM_BOT_TOKEN',
			'TELEGRAM_RECEIVE',
			'SMTP_RATE'
		])
			expect(p.some((x) => x.startsWith(name))).toBe(true);
		expect(p.find((x) => x.startsWith('SMPP_PREFIXES'))).toContain('+99290,+99288');
	});

	it('SMTP needs its From, SMPP its source address', () => {
		expect(problems({ SMTP_URL: 'smtp://mail.example.tj' })).toEqual([
			expect.stringContaining('SMTP_FROM must be set')
		]);
		expect(problems({ SMPP_URL: 'smpp://eoc:pw@127.0.0.1:2775' })).toEqual([
			expect.stringContaining('SMPP_SOURCE_ADDR must be set')
		]);
	});

	it('a webhook-mode Telegram needs its secret', () => {
		const p = problems({
			TELEGRAM_BOT_TOKEN: '123456:' + 'a'.repeat(30),
			TELEGRAM_RECEIVE: 'webhook'
		});
		expect(p).toEqual([expect.stringContaining('TELEGRAM_WEBHOOK_SECRET must be set')]);
	});

	it('configured channels are made, with their rates', () => {
		const c = loadConfig({
			SMS_GATEWAY_URL: 'http://sms:pw@192.168.1.20:8080',
			SMPP_URL: 'smpp://eoc:pw@127.0.0.1:2775',
			SMPP_SOURCE_ADDR: 'EOC',
			SMPP_PREFIXES: '+99290,+99288',
			TELEGRAM_BOT_TOKEN: '123456:' + 'a'.repeat(30),
			SMTP_URL: 'smtp://127.0.0.1:2525',
			SMTP_FROM: 'EOC <eoc@example.tj>',
			SMPP_RATE: '5'
		});
		expect(c.SMPP_PREFIXES).toEqual(['+99290', '+99288']);
		const channels = createChannels(c, createLogger({ write() {} }));
		expect([...channels.keys()].sort()).toEqual(['email', 'smpp', 'sms_gateway', 'telegram']);
		expect(channels.get('smpp')!.ratePerSecond).toBe(5);
		expect(channels.get('sms_gateway')!.ratePerSecond).toBe(1);
	});
});
