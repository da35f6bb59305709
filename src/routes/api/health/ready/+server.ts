import { readyResponse } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** 200 when the database answers, the broker is connected and commits succeed; else 503. */
export const GET: RequestHandler = (event) => readyResponse(event);
