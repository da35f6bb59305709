import { request } from 'node:http';
import type { UserAddRequest, UserAddResult } from './user-add';

export type SocketAnswer =
	| { kind: 'done'; result: UserAddResult }
	| { kind: 'refused'; status: number; error: string }
	/** Nobody listens: no server runs on this PGLITE_DIR (or it has no socket). */
	| { kind: 'no-server' };

/** Asks the running server (src/lib/server/admin-socket/server.ts) to add a user. */
export function userAddThroughServer(
	socketPath: string,
	req: UserAddRequest
): Promise<SocketAnswer> {
	return new Promise((resolve, reject) => {
		const r = request(
			{
				socketPath,
				path: '/v1/user-add',
				method: 'POST',
				headers: { 'content-type': 'application/json' }
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (body += c));
				res.on('end', () => {
					let json: { error?: string } & Partial<UserAddResult>;
					try {
						json = JSON.parse(body);
					} catch {
						return reject(new Error(`the server answered ${res.statusCode} without JSON`));
					}
					if (res.statusCode === 200) resolve({ kind: 'done', result: json as UserAddResult });
					else resolve({ kind: 'refused', status: res.statusCode ?? 0, error: json.error ?? '' });
				});
			}
		);
		r.on('error', (e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') resolve({ kind: 'no-server' });
			else reject(e);
		});
		r.end(JSON.stringify(req));
	});
}
