import { writeResourceReports } from '../../entities/resource/status';
import { advanceRequests } from '../../resources/progress';
import type { Handler } from './types';

/**
 * `eoc/v1/resources/{resourceId}/status`: each report sets the fields it carries, each by its own
 * ts (entities/resource/status.ts). The batch has already set aside reports for a resource not in
 * the register (`unknown_resource`) or of another picture (`other_picture`): ingest/picture.ts.
 */
export const resourceStatuses: Handler<'resource_status'> = async (tx, messages, changes) => {
	const moved = await writeResourceReports(
		tx,
		messages.map((m) => ({
			id: m.resourceId,
			ts: m.ts,
			exercise: m.exercise,
			status: m.body.status ?? null,
			lat: m.body.lat ?? null,
			lon: m.body.lon ?? null,
			fuelPct: m.body.fuelPct ?? null,
			quantity: m.body.quantity ?? null,
			note: m.body.note ?? null
		})),
		changes
	);
	// The requests these resources serve move on with them (en route, delivered), in this commit.
	await advanceRequests(tx, moved, changes);
};
