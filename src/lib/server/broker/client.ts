import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface MqttCredentials {
	username: string;
	/** Absent: the username alone (a broker that checks names only). */
	password?: string;
}

/**
 * How every MQTT client inside the app (ingest, tasking, drills, demo feed) reaches the broker,
 * as the app: on the embedded broker with the internal credential of this start, on an external
 * one with the username and password of MQTT_URL. Built once in app/services.ts, so that no client
 * connects without them (with device authentication on, one that did would be refused and its
 * publishes would wait for ever).
 */
export interface AppBroker {
	/** The broker's URL without credentials: safe for logs and pages. */
	readonly url: string;
	/** The username the app connects with, null when it connects without one. */
	readonly username: string | null;
	/** A client with the app's credentials; `options` may not replace them. */
	connect(clientId: string, options?: IClientOptions): MqttClient;
}

export function appBroker(url: string, credentials?: MqttCredentials): AppBroker {
	return {
		url,
		username: credentials?.username ?? null,
		connect: (clientId, options = {}) =>
			mqtt.connect(url, { ...options, clientId, ...(credentials ?? {}) })
	};
}

/**
 * Splits `user:password@` off a broker URL. The parts are percent-decoded here (a password may
 * hold `:` or `@` written as %3A, %40), and the URL left has no credentials, so it can be logged.
 * mqtt.js would split `user:pass` itself, but at the last `:` and from a URL that then holds the
 * password.
 */
export function splitCredentials(raw: string): { url: string; credentials?: MqttCredentials } {
	const u = new URL(raw);
	if (!u.username && !u.password) return { url: raw };
	const credentials: MqttCredentials = { username: decodeURIComponent(u.username) };
	if (u.password) credentials.password = decodeURIComponent(u.password);
	u.username = '';
	u.password = '';
	return { url: u.toString(), credentials };
}

/** Where the app's own clients reach the embedded broker: a wildcard address means this machine. */
export function embeddedUrl(host: string, port: number): string {
	const h = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
	return `mqtt://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`;
}
