import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createCsrfHandle } from '$lib/server/auth/csrf';
import { handleAccess, handleAuth } from '$lib/server/auth/guard';
import { handleBodyLimit } from '$lib/server/body-limit';
import { handleExercise } from '$lib/server/exercises/handle';
import { handleLocale } from '$lib/server/locale';
import { readiness, startRuntime } from '$lib/server/runtime';

// Runs once when the server starts (adapter-node, vite dev): broker, ingest and live hub.
export const init: ServerInit = () => {
	startRuntime();
};

// Forgery check, language, picture (real or a drill's), who is asking, whether they may: every
// request, every route.
export const handle: Handle = sequence(
	createCsrfHandle(() => readiness().services?.config.ORIGIN),
	handleBodyLimit,
	handleLocale,
	handleExercise,
	handleAuth,
	handleAccess
);
