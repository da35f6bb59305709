import { liveResponse } from '$lib/server/health';
import type { RequestHandler } from './$types';

/** 200 while the process answers, also while it starts or after a failed start. */
export const GET: RequestHandler = () => liveResponse();
