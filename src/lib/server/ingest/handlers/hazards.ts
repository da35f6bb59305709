import { writeExtents } from '../../entities/hazard/write';
import type { Handler } from './types';

export const extents: Handler<'hazard_extent'> = (tx, messages, changes) =>
	writeExtents(tx, changes, messages);
