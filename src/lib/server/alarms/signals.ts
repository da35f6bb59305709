import type { BatchItem, BatchResult } from '../ingest/batch';
import type { EmergencySignal } from './types';

/**
 * The emergency flags of the team status messages a batch stored, for the engine after the
 * commit. The flag is not a column of the team: the alarm it raises is its record. A status
 * without the flag counts as `emergency: false` (the team's newest word is no emergency).
 * Then the emergencies devices raised (a Meshtastic SOS of a mapped node, found by the device
 * handler once the registry named the team): after the statuses, so an SOS is never lost to a
 * status of the same batch.
 */
export function emergencySignals(
	result: BatchResult,
	items: readonly BatchItem[]
): EmergencySignal[] {
	const out: EmergencySignal[] = [];
	items.forEach((item, i) => {
		const p = item.parsed;
		if (!p.ok || result.outcomes[i]?.outcome !== 'stored') return;
		const m = p.message;
		if (m.family === 'status')
			out.push({ teamId: m.teamId, emergency: m.body.emergency === true, exercise: m.exercise });
	});
	out.push(...result.emergencies);
	return out;
}
