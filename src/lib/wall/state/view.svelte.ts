/**
 * One wall screen's state: the live data, the clock, and what every board derives from them.
 * Created once by the wall layout and handed to the boards through context, so /wall,
 * /wall/map and /wall/boards share one stream connection per screen and one set of rules.
 */
import { createContext } from 'svelte';
import { isVerified, totals } from '$lib/live/totals';
import { awaitingVerification, compareIncidents } from '../boards/incidents';
import { exerciseIds, hasDemo } from './marks';
import { Roster } from './roster';
import { SortedView } from './sorted';
import { activeAlerts } from './alerts';
import { activeAlarms } from './alarms';
import { requestSummary, resourceBoard } from '../boards/resources';
import { Clock } from './clock.svelte';
import { getLocale } from '$lib/i18n';
import { LiveState } from '$lib/live/live.svelte';

export class WallView {
	/** The picture this screen shows: null for the real one, else the exercise's id. */
	readonly scope: string | null;
	readonly live = new LiveState();
	readonly clock = new Clock();

	/** False until the first snapshot: boards show "waiting for data", not "nothing". */
	readonly loaded = $derived(this.live.asOf !== null);
	readonly staleAfterMin = $derived(this.live.settings.staleAfterMin);
	// Kept up to date per live update, not sorted again from every row (roster.ts, sorted.ts).
	readonly #verified = new SortedView(compareIncidents, isVerified);
	readonly #roster = new Roster();
	readonly incidents = $derived(this.#verified.update(this.live.incidents));
	readonly awaiting = $derived(awaitingVerification(this.live.incidents.values()));
	readonly #teams = $derived(this.#roster.update(this.live.teams, this.now, this.staleAfterMin));
	readonly roster = $derived(this.#teams.teams);
	readonly teamCounts = $derived(this.#teams.counts);
	readonly totals = $derived(totals(this.incidents, this.live.shelters.values()));
	readonly shelters = $derived([...this.live.shelters.values()]);
	readonly sensors = $derived([...this.live.sensors.values()]);
	/** Exercises on screen: the banner is on whenever one is, and always in a drill's picture. */
	readonly exercises = $derived.by(() => {
		const ids = exerciseIds(this.live);
		return this.scope === null || ids.includes(this.scope) ? ids : [this.scope, ...ids].sort();
	});
	readonly demo = $derived(hasDemo(this.live));
	/** The clock in 15 s steps: alerts and overdue requests are judged against it, not every second. */
	readonly #alertTick = $derived(Math.floor(this.clock.now / 15_000) * 15_000);
	/** Alerts in force (an expiry shows within 15 s). */
	readonly alerts = $derived(activeAlerts(this.live.alerts.values(), this.#alertTick, getLocale()));
	/** Alarms not cleared, newest first (the strip and the map's rings). */
	readonly alarms = $derived(activeAlarms(this.live.alarms.values()));
	/** Equipment by kind and status, supplies per kind (the resources board; kept per chunk). */
	readonly resources = $derived(
		resourceBoard(this.live.resources, this.live.resourceKinds, this.live.stock, getLocale())
	);
	/** Requests waiting and overdue, and the oldest waiting. */
	readonly requests = $derived(requestSummary(this.live.requests, this.#alertTick));

	constructor(scope: string | null = null) {
		this.scope = scope;
	}

	get now(): number {
		return this.clock.now;
	}
}

export const [getWall, setWall] = createContext<WallView>();
