import { DRILL_ACTIONS, REPORT } from '../drills/access';
import { NEW_REQUEST_ACTIONS, REQUEST_ACTIONS } from '../resources/request-grants';
import { REGISTER_ACTIONS } from '../resources/register-grants';
import {
	ADMIN,
	MONITOR,
	OPERATE,
	PEOPLE,
	READ,
	SUPERVISE,
	TRAIN,
	type Grant,
	type Rule
} from './roles';

/**
 * Every route of the app and who may use it: one table, enforced for every request by the
 * `handleAccess` hook. A route without an entry is refused (fail closed) and fails the generated
 * authorization test (tests/authorization.test.ts), so a route added later cannot be open by
 * accident. Keys are SvelteKit route ids; `GET` covers a page (and its data) and HEAD; `actions`
 * lists a page's form actions by name (`default` for the unnamed one).
 */
export interface RouteRule {
	GET?: Rule;
	HEAD?: Rule;
	POST?: Rule;
	PUT?: Rule;
	PATCH?: Rule;
	DELETE?: Rule;
	actions?: Record<string, Rule>;
}

/** Exports for other tools: people of any role and integrations, not a wall screen. */
const EXPORT: readonly Grant[] = [...PEOPLE, 'api'];
/** Raw field payloads: for the people who run the ingest, and integrations. */
const DEAD_LETTERS: readonly Grant[] = ['operator', 'supervisor', 'admin', 'api'];

export const ROUTE_RULES: Record<string, RouteRule> = {
	'/': { GET: 'public' },
	'/login': { GET: 'public', actions: { default: 'public' } },
	'/logout': { GET: PEOPLE, actions: { default: PEOPLE } },
	'/account': { GET: PEOPLE, actions: { default: PEOPLE } },
	'/display': { GET: 'public', actions: { pair: 'public', forget: 'public' } },
	// The field app's shell and its place list hold nothing secret: a phone proves itself to the
	// broker with its device credential, which lives on the phone (src/lib/field).
	'/field': { GET: 'public' },
	'/field/places.json': { GET: 'public' },
	// The first run: the page itself checks the one-time setup token (auth/setup.ts).
	'/setup': { GET: 'public', actions: { default: 'public' } },

	'/wall': { GET: READ },
	'/wall/map': { GET: READ },
	'/wall/boards': { GET: READ },

	'/console': {
		GET: OPERATE,
		actions: { create: OPERATE, accept: OPERATE, reject: OPERATE, merge: OPERATE }
	},
	'/console/sitrep': { GET: OPERATE },
	'/console/photos/[id]': { GET: OPERATE },
	'/console/incidents/[id]': {
		GET: OPERATE,
		actions: { update: OPERATE, acknowledge: OPERATE, assign: OPERATE }
	},
	'/console/log': { GET: OPERATE, actions: { post: OPERATE, verify: SUPERVISE } },
	'/console/requests': { GET: OPERATE },
	'/console/requests/new': { GET: OPERATE, actions: NEW_REQUEST_ACTIONS },
	'/console/requests/[id]': { GET: OPERATE, actions: REQUEST_ACTIONS },
	'/console/resources': { GET: OPERATE, actions: REGISTER_ACTIONS },
	'/console/devices': {
		GET: OPERATE,
		actions: { map: OPERATE, bind: OPERATE, register: ADMIN, unmap: ADMIN }
	},
	'/console/alerts': {
		GET: OPERATE,
		actions: { upload: OPERATE, issue: OPERATE, cancel: OPERATE }
	},
	'/console/alarms': { GET: OPERATE, actions: { ack: OPERATE } },
	'/console/warnings': { GET: OPERATE },
	'/console/warnings/new': { GET: OPERATE, actions: { draft: OPERATE } },
	'/console/warnings/[id]': {
		GET: OPERATE,
		actions: { update: OPERATE, approve: SUPERVISE, reject: SUPERVISE, issue: SUPERVISE }
	},
	'/console/settings': {
		GET: OPERATE,
		actions: { eoc: ADMIN, activation: SUPERVISE, shelter: OPERATE, sensor: ADMIN }
	},

	'/drills': {
		GET: TRAIN,
		actions: DRILL_ACTIONS
	},
	'/drills/state': { GET: TRAIN },
	'/drills/[exercise]/report': { GET: REPORT },
	'/drills/[exercise]/report.md': { GET: REPORT },
	'/drills/[exercise]/report.csv': { GET: REPORT },

	'/admin': {
		GET: ADMIN,
		actions: {
			addUser: ADMIN,
			disable: ADMIN,
			enable: ADMIN,
			role: ADMIN,
			resetPassword: ADMIN,
			endSessions: ADMIN
		}
	},
	'/admin/tokens': { GET: ADMIN, actions: { create: ADMIN, revoke: ADMIN } },
	'/admin/devices': {
		GET: ADMIN,
		actions: { issue: ADMIN, revoke: ADMIN, team: ADMIN, pair: ADMIN, cancelPair: ADMIN }
	},
	'/admin/audit': { GET: ADMIN },
	'/admin/layers': { GET: ADMIN, actions: { upload: ADMIN, delete: ADMIN } },
	'/admin/alarms': {
		GET: ADMIN,
		actions: { create: ADMIN, update: ADMIN, toggle: ADMIN, delete: ADMIN }
	},
	'/admin/places': {
		GET: ADMIN,
		actions: { add: ADMIN, edit: ADMIN, delete: ADMIN, import: ADMIN }
	},
	'/admin/resource-kinds': {
		GET: ADMIN,
		actions: { add: ADMIN, edit: ADMIN, delete: ADMIN }
	},

	'/api/health': { GET: 'public' },
	'/api/health/live': { GET: 'public' },
	'/api/health/ready': { GET: 'public' },
	'/metrics': { GET: MONITOR },
	'/api/v1/stream': { GET: READ },
	'/api/v1/teams': { GET: READ },
	'/api/v1/incidents': { GET: READ },
	'/api/v1/sensors': { GET: READ },
	'/api/v1/hazards': { GET: READ },
	'/api/v1/alarm-rules': { GET: READ, POST: ADMIN },
	'/api/v1/alarm-rules/[id]': { PUT: ADMIN, DELETE: ADMIN },
	'/api/v1/resource-kinds': { GET: READ },
	'/api/v1/resources': { GET: READ },
	'/api/v1/alarms': { GET: READ },
	'/api/v1/alarms/[id]/ack': { POST: OPERATE },
	'/api/v1/layers': { GET: READ },
	'/api/v1/layers/[id]': { GET: READ },
	'/api/v1/basemap': { GET: READ },
	'/api/v1/basemap.pmtiles': { GET: READ, HEAD: READ },
	'/api/v1/terrain': { GET: READ },
	'/api/v1/terrain/hillshade.png': { GET: READ },
	'/api/v1/places': { GET: READ },
	'/api/v1/places/labels': { GET: READ },
	'/api/v1/dead-letters': { GET: DEAD_LETTERS },
	// A phone redeems its one-time pairing code: the code is what authorises (devices/pairing.ts).
	'/api/v1/field/pair': { POST: 'public' },
	// The SMS gateway's and Telegram's webhooks: the channel checks their signature or secret.
	'/api/v1/inbound/[channel]': { POST: 'public' },
	'/api/v1/export/[file]': { GET: EXPORT }
};

/**
 * The rule for one request: by method, or by form action for a POST with `?/name` (SvelteKit's
 * action syntax) to a page that has actions. Undefined when the table has none.
 */
export function ruleFor(routeId: string, method: string, search: string): Rule | undefined {
	const r = ROUTE_RULES[routeId];
	if (!r) return undefined;
	if (method === 'POST' && r.actions) {
		const name = search.startsWith('?/') ? search.slice(2).split('&')[0] : 'default';
		return r.actions[name];
	}
	if (method === 'HEAD') return r.HEAD ?? r.GET;
	return r[method as Exclude<keyof RouteRule, 'actions'>];
}
