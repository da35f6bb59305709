import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createCsrfHandle } from '$lib/server/auth/csrf';
import { handleAccess, handleAuth } from '$lib/server/auth/guard';
import { handleBodyLimit } from '$lib/server/http/body-limit';
import { handleCompress } from '$lib/server/http/compress';
import { handleExercise } from '$lib/server/exercises/handle';
import { handleTiming, handleUnexpected } from '$lib/server/http/ops';
import { handleLocale } from '$lib/server/http/locale';
import { readiness, startRuntime } from '$lib/server/app/runtime';
import { installSecurityHeaders } from '$lib/server/http/security-headers';
import { installMqttUpgrade } from '$lib/server/http/mqtt-upgrade';

// Runs once when the server starts (adapter-node, vite dev): broker, ingest and live hub.
export const init: ServerInit = () => {
	installSecurityHeaders();
	// MQTT over WebSocket at /mqtt on this very port (the embedded broker's), once it is up.
	installMqttUpgrade(() => {
		const s = readiness().services;
		if (!s) return null;
		const { ORIGIN, MQTT_WS_ORIGINS, MQTT_DEVICE_AUTH } = s.config;
		return {
			broker: s.broker,
			deviceAuth: MQTT_DEVICE_AUTH === 'on',
			appOrigin: ORIGIN,
			origins: MQTT_WS_ORIGINS
		};
	});
	startRuntime();
};

// Unexpected errors: logged with their stack and an id; the client sees only the id.
export const handleError = handleUnexpected;

// Timing, compression of the API's data, forgery check, body size, language, picture (real or a drill's), who is asking,
// whether they may: every request, every route.
export const handle: Handle = sequence(
	handleTiming,
	handleCompress,
	createCsrfHandle(() => readiness().services?.config.ORIGIN),
	handleBodyLimit,
	handleLocale,
	handleExercise,
	handleAuth,
	handleAccess
);
