import type { AlarmRuleSpec } from '$lib/contracts/alarm-rule';

/** A rule the engine runs: parsed again on load, so a hand-edited row that no longer parses is skipped. */
export type EngineRule = AlarmRuleSpec & { id: string };

/** A team's emergency flag as a status message carried it, after its commit. */
export interface EmergencySignal {
	teamId: string;
	emergency: boolean;
	exercise: string | null;
	/** What the alarm's detail adds (a device's SOS: `device`, `text`). */
	detail?: Record<string, unknown>;
}
