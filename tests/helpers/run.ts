import { spawn } from 'node:child_process';

export interface Ran {
	code: number | null;
	out: string;
	err: string;
}

/**
 * Runs a command to its end with only PATH, HOME and `env` in its environment, and without a
 * developer's .env (EOC_DOTENV=off): a DATABASE_URL there must never be what a test restores into.
 */
export function runCommand(
	cmd: string,
	args: string[],
	cwd: string,
	env: Record<string, string> = {}
): Promise<Ran> {
	return new Promise((resolve) => {
		const p = spawn(cmd, args, {
			cwd,
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EOC_DOTENV: 'off', ...env }
		});
		let out = '';
		let err = '';
		p.stdout.on('data', (d) => (out += d));
		p.stderr.on('data', (d) => (err += d));
		p.on('close', (code) => resolve({ code, out, err }));
	});
}
