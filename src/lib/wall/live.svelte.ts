/**
 * The wall's live state: one instance per wall page (the wall is client-only, `ssr = false`).
 * The merge rules live in reduce.ts; this class only makes them reactive.
 */
import type {
	AlertView,
	HazardView,
	IncidentView,
	LiveEvent,
	LogEntryView,
	SensorView,
	SeriesPoint,
	SettingsView,
	ShelterView,
	Snapshot,
	TeamView,
	TrailPoint
} from '$lib/live/types';
import type { ConnectionState } from './connect';
import { applyEvent, emptyData, type LiveData } from './reduce';

export class LiveState {
	// Raw: the reducer replaces a collection's Map when it changes, never mutates it in place.
	#data = $state.raw<LiveData>(emptyData());
	#connection = $state<ConnectionState>('connecting');
	#lastEventAt = $state<number | null>(null);
	#lastEventId = $state<string | null>(null);
	#asOf = $state<string | null>(null);

	get teams(): ReadonlyMap<string, TeamView> {
		return this.#data.teams;
	}
	get incidents(): ReadonlyMap<string, IncidentView> {
		return this.#data.incidents;
	}
	get sensors(): ReadonlyMap<string, SensorView> {
		return this.#data.sensors;
	}
	get hazards(): ReadonlyMap<string, HazardView> {
		return this.#data.hazards;
	}
	get shelters(): ReadonlyMap<string, ShelterView> {
		return this.#data.shelters;
	}
	get alerts(): ReadonlyMap<string, AlertView> {
		return this.#data.alerts;
	}
	get settings(): SettingsView {
		return this.#data.settings;
	}
	/** Verified significant events, newest first. */
	get events(): readonly LogEntryView[] {
		return this.#data.events;
	}
	get trails(): ReadonlyMap<string, readonly TrailPoint[]> {
		return this.#data.trails;
	}
	get series(): ReadonlyMap<string, readonly SeriesPoint[]> {
		return this.#data.series;
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
		this.#data = applyEvent(this.#data, event);
		if (event.type === 'snapshot') this.#asOf = event.data.asOf;
		if (id) this.#lastEventId = id;
		this.#lastEventAt = at;
	}

	setConnection(state: ConnectionState): void {
		this.#connection = state;
	}
}
