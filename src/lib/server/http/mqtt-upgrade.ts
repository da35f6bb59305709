import { subscribe } from 'node:diagnostics_channel';
import { Server as HttpServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmbeddedBroker } from '../broker/embedded';
import { upgradeRefusal, type UpgradeContext } from '../broker/edges';
import { isBrokerServer, refuseUpgrade } from '../broker/upgrade';
import { log } from '../ops/log';
import * as metrics from '../ops/metrics';

/** What the app's `/mqtt` hands upgrades to; null while the runtime is starting. */
export interface MqttUpgradeTarget {
	/** The embedded broker; null with an external broker (MQTT_URL). */
	broker: EmbeddedBroker | null;
	/** MQTT_DEVICE_AUTH=on: the embedded broker asks for device credentials. */
	deviceAuth: boolean;
	appOrigin?: string;
	origins: readonly string[];
}

const INSTALLED = Symbol.for('eocwall.mqttUpgrade');
// Emitted by net.Server#listen (Node ≥ 20.16), before the port is bound.
const LISTEN = 'tracing:net.server.listen:asyncStart';

/**
 * Serves MQTT over WebSocket at `/mqtt` on the app's own port, for `npm start` and
 * `node build/index.js` alike. The runtime starts inside SvelteKit's `init`, before adapter-node's
 * entry (build/index.js, generated, not ours) creates and binds its HTTP server, and it never sees
 * that server. Node's `net.server.listen` diagnostics channel (a public API, no patching) tells
 * about every server that starts listening afterwards: each HTTP server of this process, but the
 * broker's own MQTT_WS_PORT listener, gets an `upgrade` handler. In this process that is
 * adapter-node's server alone (under `vite dev` the dev server listens before `init`: there, use
 * MQTT_WS_PORT). Any other upgrade is refused (edges.ts upgradeRefusal), never passed on.
 */
export function installMqttUpgrade(target: () => MqttUpgradeTarget | null): void {
	const g = globalThis as { [INSTALLED]?: true };
	if (g[INSTALLED]) return;
	g[INSTALLED] = true;
	subscribe(LISTEN, (message) => {
		const server = (message as { server?: unknown }).server;
		if (server instanceof HttpServer && !isBrokerServer(server)) attach(server, target);
	});
}

function attach(server: HttpServer, target: () => MqttUpgradeTarget | null): void {
	if (server.listenerCount('upgrade') > 0) return; // someone else's upgrades (a dev server)
	const open = new Set<Duplex>();
	const told = new Set<string>();
	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		socket.on('error', (err) => log.debug({ err: err.message }, 'mqtt over websocket: socket'));
		const t = target();
		const ctx: UpgradeContext = {
			broker: !t ? 'starting' : !t.broker ? 'external' : t.deviceAuth ? 'ready' : 'open',
			appOrigin: t?.appOrigin,
			origins: t?.origins ?? []
		};
		const refusal = upgradeRefusal(req, ctx);
		if (refusal) {
			if (refusal.kind === 'origin') {
				metrics.mqttRefused.inc({ reason: 'origin' });
				log.warn({ origin: req.headers.origin }, `mqtt over websocket refused: ${refusal.reason}`);
			} else if (
				(refusal.kind === 'external' || refusal.kind === 'open') &&
				!told.has(refusal.kind)
			) {
				told.add(refusal.kind);
				log.warn(`/mqtt refused: ${refusal.reason}`);
			}
			return refuseUpgrade(socket, refusal.status, refusal.reason);
		}
		open.add(socket);
		socket.once('close', () => open.delete(socket));
		t!.broker!.acceptWebSocket(req, socket, head);
	});
	// adapter-node's graceful shutdown closes the server and waits for its connections, and an
	// upgraded one counts: left open, a connected device would hold the shutdown for ever. Closed
	// here, a device reconnects (to this app once back, or another) and sends again what was not
	// yet acknowledged; the ingest's dedup drops what had committed.
	const close = server.close.bind(server);
	server.close = ((cb?: (err?: Error) => void) => {
		for (const s of open) s.destroy();
		return close(cb);
	}) as HttpServer['close'];
}
