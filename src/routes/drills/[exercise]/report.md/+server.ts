import { reportFile } from '$lib/server/drills/report-file';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => reportFile(event, 'md');
