import { readyResponse } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** The same as /api/health/ready: what load balancers, scripts and tests have used all along. */
export const GET: RequestHandler = (event) => readyResponse(event);
