import type { LiveMessage } from '../live/hub';
import type { Queryable } from '../db/types';
import type { Logger } from '../ops/log';

/** How often the whole map is read again, whatever the change log said (see below). */
const RELOAD_MS = 60 * 1000;

/**
 * Which team operates each real resource: the device ACL's lookup (auth/device-acl.ts: a device
 * reports for, and reads the taskings of, the resources of its own team only).
 *
 * Why a cache held in memory and not a query per publish: the broker's door judges a publish
 * synchronously, in the order the packets arrive, and the PUBACKs must leave in that order; a
 * query there would either reorder them or make every device's publish wait on the database. The
 * map is small (one entry per real resource with a team: a few thousand at most, read in one
 * statement), so it is read whole at start, kept current from the change log (every committed
 * change of a resource, by any instance or screen, reaches the live hub within milliseconds:
 * `apply`), and read again whole every minute as a safety net (a deleted resource records no view).
 *
 * What that costs: in the moments between an operator giving a resource to a team and the hub
 * reading that change (milliseconds), the team's device is still refused (`not_authorized`, a
 * dead letter it may send again); a resource taken from a team stays reportable by the old team's
 * device for as long. A drill's resources are left out: devices report in the real picture only.
 */
export class ResourceTeams {
	#teams = new Map<string, string>();
	#timer: ReturnType<typeof setInterval> | null = null;
	/** Changes heard while a reload reads: applied again on top of what it read. */
	#heard: LiveMessage[] | null = null;

	constructor(
		private readonly db: Queryable,
		private readonly log: Logger
	) {}

	/** The team whose devices may report for this resource, or null (none, unknown, a drill's). */
	teamOf = (resourceId: string): string | null => this.#teams.get(resourceId) ?? null;

	/** Reads the map, then keeps reading it every minute until `stop`. */
	async start(): Promise<void> {
		await this.reload();
		this.#timer = setInterval(() => {
			this.reload().catch((err: unknown) =>
				this.log.warn({ err: String(err) }, 'cannot read the teams of resources')
			);
		}, RELOAD_MS);
		this.#timer.unref();
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
	}

	async reload(): Promise<void> {
		this.#heard = [];
		try {
			const rows = await this.db.query<{ id: string; team_id: string }>(
				'select id, team_id from resource where exercise is null and team_id is not null'
			);
			const heard = this.#heard;
			this.#teams = new Map(rows.map((r) => [r.id, r.team_id]));
			this.#heard = null;
			this.apply(heard);
		} finally {
			this.#heard = null;
		}
	}

	/** Committed changes as the live hub reads them: each resource's view says its team now. */
	apply(msgs: readonly LiveMessage[]): void {
		this.#heard?.push(...msgs);
		for (const m of msgs) {
			if (m.event === 'removed') {
				const r = m.data as { kind: string; id: string };
				if (r.kind === 'resource') this.#teams.delete(r.id);
				continue;
			}
			if (m.event !== 'resource') continue;
			const r = m.data as { id: string; teamId: string | null; exercise: string | null };
			if (r.teamId !== null && r.exercise === null) this.#teams.set(r.id, r.teamId);
			else this.#teams.delete(r.id);
		}
	}
}
