import type { Aedes, AedesOptions, AuthenticateError, Client, PublishPacket } from 'aedes';
import {
	clientIdRefusal,
	deviceMaySubscribe,
	type DeviceRefusal,
	type TeamOfResource
} from '../auth/device-acl';
import type { DeviceIdentity } from '../auth/devices';
import type { Logger } from '../ops/log';
import * as metrics from '../ops/metrics';

/** Who may connect to the embedded broker (MQTT_DEVICE_AUTH=on): see device-auth.ts. */
export interface BrokerAuth {
	/** A device, the app's own client (`internal`), or null: refused, bad username or password. */
	authenticate(
		username: string | undefined,
		password: Buffer | undefined
	): Promise<DeviceIdentity | 'internal' | null>;
	/** A device was heard from (it published): for its last-seen time. */
	seen(device: DeviceIdentity): void;
	/** Which team operates a resource (its devices report for it): a cache, resource-teams.ts. */
	teamOfResource: TeamOfResource;
}

// CONNACK return codes of MQTT 3.1.1 [MQTT-3.2.2.3] (aedes types them as a const enum).
const IDENTIFIER_REJECTED = 2 as AuthenticateError['returnCode'];
const BAD_USERNAME_OR_PASSWORD = 4 as AuthenticateError['returnCode'];
const SERVER_UNAVAILABLE = 3 as AuthenticateError['returnCode'];

function connectError(message: string, returnCode: AuthenticateError['returnCode']) {
	return Object.assign(new Error(message), { returnCode });
}

/**
 * The aedes side of device credentials: the `authenticate` and `authorizeSubscribe` hooks, which
 * connection is which device, and the publishes to drop.
 *
 * A refused publish must not be refused with an error: aedes would close the connection and the
 * device's mqtt.js would send the unacknowledged message again on reconnect, for ever
 * (docs/platform-notes.md). So it is acknowledged like any other, after its dead letter commits, and dropped on
 * its way out: aedes writes the PUBACK and then calls `broker.publish` with the very packet that
 * `authorizePublish` saw, and that call is where a refused packet stops (no subscriber, no retained
 * copy, no offline queue).
 */
export function deviceAccess(
	auth: BrokerAuth | undefined,
	log: Logger,
	/** Client ids (each alone or followed by `-…`) only the app's own credential may use. */
	internalClientIds: readonly string[] = []
) {
	const devices = new WeakMap<Client, DeviceIdentity>();
	// Client id → the credential (username, or 'internal') whose session it holds: the binding
	// lasts as long as the session may (an in-memory store: until this process stops).
	const holders = new Map<string, string>();
	const holderOf = new WeakMap<Client, string>();
	const connected = new Set<Client>();
	const dropped = new WeakSet<PublishPacket>();

	const hooks: Pick<AedesOptions, 'authenticate' | 'authorizeSubscribe'> = auth
		? {
				authenticate: (client, username, password, done) => {
					auth.authenticate(username, password).then(
						(who) => {
							if (!who) {
								metrics.mqttRefused.inc({ reason: 'bad_credentials' });
								log.info({ client: client.id, username }, 'mqtt connect refused: bad credentials');
								return done(
									connectError('bad username or password', BAD_USERNAME_OR_PASSWORD),
									false
								);
							}
							const refusal = clientIdRefusal(
								client.id,
								who,
								holders.get(client.id),
								internalClientIds
							);
							if (refusal) {
								metrics.mqttRefused.inc({ reason: 'client_id' });
								log.warn({ client: client.id, username }, `mqtt connect refused: ${refusal}`);
								return done(connectError(refusal, IDENTIFIER_REJECTED), false);
							}
							const holder = who === 'internal' ? who : who.username;
							holders.set(client.id, holder);
							holderOf.set(client, holder);
							if (who !== 'internal') devices.set(client, who);
							done(null, true);
						},
						(err: unknown) => {
							// The credential store is down: the device tries again later.
							log.warn({ err: String(err) }, 'mqtt connect: cannot check credentials');
							done(connectError('server unavailable', SERVER_UNAVAILABLE), false);
						}
					);
				},
				authorizeSubscribe: (client, sub, done) => {
					const device = devices.get(client);
					if (!device || deviceMaySubscribe(sub.topic, device.teamId, auth.teamOfResource))
						return done(null, sub);
					metrics.mqttRefused.inc({ reason: 'subscribe' });
					// A null subscription is a failure code (0x80) in the SUBACK; the connection stays.
					done(null, null);
				}
			}
		: {};

	return {
		hooks,
		/** The device that publishes on this connection (null: the app, or auth is off). */
		publisher(client: Client | null): DeviceIdentity | null {
			const device = client ? (devices.get(client) ?? null) : null;
			if (device) auth?.seen(device);
			return device;
		},
		refuse(packet: PublishPacket, reason: DeviceRefusal['reason']): void {
			dropped.add(packet);
			metrics.mqttRefused.inc({ reason });
		},
		attach(aedes: Aedes): void {
			if (!auth) return; // nothing is refused: the publish path stays aedes's own
			const clients = (aedes as unknown as { clients: Record<string, Client> }).clients;
			aedes.on('client', (c) => {
				if (devices.has(c)) connected.add(c);
				// Again at registration: a takeover by the same credential first closes the old
				// connection, whose clean session would have freed the id.
				const holder = holderOf.get(c);
				if (holder) holders.set(c.id, holder);
			});
			aedes.on('clientDisconnect', (c) => {
				connected.delete(c);
				// A clean session ends with its connection: the id is free again.
				if (c.clean && !clients[c.id]) holders.delete(c.id);
			});
			const publish = aedes.publish.bind(aedes) as (...args: unknown[]) => void;
			// aedes calls it as (packet, client, done); its types know (packet, done).
			aedes.publish = ((packet: PublishPacket, ...rest: unknown[]) => {
				if (!dropped.has(packet)) return publish(packet, ...rest);
				const done = rest.find((a) => typeof a === 'function') as (() => void) | undefined;
				done?.();
			}) as Aedes['publish'];
		},
		disconnect(credentialId: string): void {
			for (const c of connected) if (devices.get(c)?.id === credentialId) c.close();
		}
	};
}
