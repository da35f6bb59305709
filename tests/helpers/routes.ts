import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One thing a request can reach: a method of a route, or a form action of a page. */
export interface Endpoint {
	routeId: string;
	/** GET, POST, …; a form action is POST with `action` set. */
	method: string;
	action?: string;
	kind: 'page' | 'endpoint' | 'action';
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Everything under `src/routes`, read from the files themselves: each page (+page.svelte) is a
 * GET; each exported method of a +server.ts is one endpoint; each form action of a
 * +page.server.ts is one action (its `actions` object, imported). A route added later is in this
 * list without anyone editing the test.
 */
export async function routeTree(routesDir: string): Promise<Endpoint[]> {
	const out: Endpoint[] = [];
	const walk = async (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const rel = relative(routesDir, dir).split(sep).join('/');
		const routeId = '/' + rel;
		const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
		if (files.has('+page.svelte')) out.push({ routeId, method: 'GET', kind: 'page' });
		for (const name of ['+server.ts', '+server.js']) {
			if (!files.has(name)) continue;
			const src = readFileSync(join(dir, name), 'utf8');
			for (const m of METHODS) {
				const re = new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`);
				if (re.test(src)) out.push({ routeId, method: m, kind: 'endpoint' });
			}
		}
		for (const name of ['+page.server.ts', '+page.server.js']) {
			if (!files.has(name)) continue;
			const mod = (await import(/* @vite-ignore */ join(dir, name))) as {
				actions?: Record<string, unknown>;
			};
			for (const action of Object.keys(mod.actions ?? {}))
				out.push({ routeId, method: 'POST', action, kind: 'action' });
		}
		for (const e of entries) if (e.isDirectory()) await walk(join(dir, e.name));
	};
	await walk(routesDir);
	return out.map((e) => ({
		...e,
		routeId: e.routeId === '/' ? '/' : e.routeId.replace(/\/$/, '')
	}));
}

/** A concrete path for a route id: each [param] becomes a value that names nothing. */
export function samplePath(routeId: string): string {
	return (
		routeId.replace(/\[\.{0,3}(\w+)(=\w+)?\]/g, 'no-such-$1').replace(/\/\([^)]+\)/g, '') || '/'
	);
}
