import type { ServerInit } from '@sveltejs/kit';
import { startRuntime } from '$lib/server/runtime';

// Runs once when the server starts (adapter-node, vite dev): broker, ingest and live hub.
export const init: ServerInit = () => {
	startRuntime();
};
