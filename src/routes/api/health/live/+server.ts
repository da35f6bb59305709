import { liveResponse } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** 200 while the process answers, also while it starts or after a failed start. */
export const GET: RequestHandler = () => liveResponse();
