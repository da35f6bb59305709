import type { BatchItem, BatchResult } from '../ingest/batch';
import type { EmergencySignal } from './types';

/**
 * The emergency flags of the team status messages a batch stored, for the engine after the
 * commit. The flag is not a column of the team: the alarm it raises is its record. A status
 * without the flag counts as `emergency: false` (the team's newest word is no emergency).
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
	return out;
}
