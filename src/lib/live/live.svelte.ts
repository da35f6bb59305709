/**
 * A live screen's state: one instance per wall page (the wall is client-only, `ssr = false`) or
 * console page (seeded from its server-rendered data, then kept up to date by the stream).
 * The merge rules live in reduce.ts; this class only makes them reactive.
 */
import type {
	AlarmView,
	AlertView,
	HazardView,
	IncidentView,
	LiveEvent,
	LogEntryView,
	RequestView,
	ResourceKindView,
	ResourceView,
	SensorView,
	SeriesPoint,
	SettingsView,
	ShelterView,
	Snapshot,
	StockView,
	TeamView,
	TrailPoint
} from '$lib/live/types';
import type { ChunkedMap } from './chunked-map';
import type { ConnectionState } from './connect';
import { applyEvent, emptyData, type LiveData } from './reduce';

export class LiveState {
	// The reducer's output; never read by an effect (it changes with every event).
	#current: LiveData = emptyData();
	// One signal per collection, each set only when the reducer replaced that collection: a team's
	// position re-runs what reads the teams, not what reads the incidents. Raw: the reducer makes
	// a new collection on change and never mutates one in place.
	#teams = $state.raw(this.#current.teams);
	#incidents = $state.raw(this.#current.incidents);
	#sensors = $state.raw(this.#current.sensors);
	#hazards = $state.raw(this.#current.hazards);
	#shelters = $state.raw(this.#current.shelters);
	#alerts = $state.raw(this.#current.alerts);
	#alarms = $state.raw(this.#current.alarms);
	#resources = $state.raw(this.#current.resources);
	#resourceKinds = $state.raw(this.#current.resourceKinds);
	#stock = $state.raw(this.#current.stock);
	#requests = $state.raw(this.#current.requests);
	#settings = $state.raw(this.#current.settings);
	#events = $state.raw(this.#current.events);
	#trails = $state.raw(this.#current.trails);
	#series = $state.raw(this.#current.series);
	#connection = $state<ConnectionState>('connecting');
	#lastEventAt = $state<number | null>(null);
	#lastEventId = $state<string | null>(null);
	#asOf = $state<string | null>(null);

	get teams(): ChunkedMap<TeamView> {
		return this.#teams;
	}
	get incidents(): ChunkedMap<IncidentView> {
		return this.#incidents;
	}
	get sensors(): ChunkedMap<SensorView> {
		return this.#sensors;
	}
	get hazards(): ChunkedMap<HazardView> {
		return this.#hazards;
	}
	get shelters(): ChunkedMap<ShelterView> {
		return this.#shelters;
	}
	get alerts(): ChunkedMap<AlertView> {
		return this.#alerts;
	}
	/** Alarms not cleared yet. */
	get alarms(): ChunkedMap<AlarmView> {
		return this.#alarms;
	}
	get resources(): ChunkedMap<ResourceView> {
		return this.#resources;
	}
	get resourceKinds(): ChunkedMap<ResourceKindView> {
		return this.#resourceKinds;
	}
	get stock(): ChunkedMap<StockView> {
		return this.#stock;
	}
	/** Open requests and those closed in the last day (the server's snapshot window). */
	get requests(): ChunkedMap<RequestView> {
		return this.#requests;
	}
	get settings(): SettingsView {
		return this.#settings;
	}
	/** Verified significant events, newest first. */
	get events(): readonly LogEntryView[] {
		return this.#events;
	}
	get trails(): ChunkedMap<readonly TrailPoint[]> {
		return this.#trails;
	}
	get series(): ChunkedMap<readonly SeriesPoint[]> {
		return this.#series;
	}
	get connection(): ConnectionState {
		return this.#connection;
	}
	/** Client clock (ms) when the last event arrived: what "data as of" means on the wall. */
	get lastEventAt(): number | null {
		return this.#lastEventAt;
	}
	get lastEventId(): string | null {
		return this.#lastEventId;
	}
	/** Server time of the last snapshot. */
	get asOf(): string | null {
		return this.#asOf;
	}

	applySnapshot(snapshot: Snapshot): void {
		this.apply({ type: 'snapshot', data: snapshot });
	}

	apply(event: LiveEvent, id?: string, at: number = Date.now()): void {
		const next = applyEvent(this.#current, event);
		// Same value, no notification: only what the event changed re-runs.
		this.#current = next;
		this.#teams = next.teams;
		this.#incidents = next.incidents;
		this.#sensors = next.sensors;
		this.#hazards = next.hazards;
		this.#shelters = next.shelters;
		this.#alerts = next.alerts;
		this.#alarms = next.alarms;
		this.#resources = next.resources;
		this.#resourceKinds = next.resourceKinds;
		this.#stock = next.stock;
		this.#requests = next.requests;
		this.#settings = next.settings;
		this.#events = next.events;
		this.#trails = next.trails;
		this.#series = next.series;
		if (event.type === 'snapshot') this.#asOf = event.data.asOf;
		if (id) this.#lastEventId = id;
		this.#lastEventAt = at;
	}

	setConnection(state: ConnectionState): void {
		this.#connection = state;
	}
}
