/**
 * The console's alarms, live: the same stream and state as the wall (live/connect.ts,
 * live/live.svelte.ts), scoped to the console's picture. Until the stream's first snapshot the
 * page shows what the server rendered; after it, the stream's alarms. An alarm that was not on the
 * page before is cued (highlighted, counted, and the console's chime where the operator turned
 * sound on) until the operator marks it seen. The stream drops an alarm when it clears: the page
 * keeps it in "recently cleared" with the ones the server listed.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { connect, STREAM_URL } from '$lib/live/connect';
import { LiveState } from '$lib/live/live.svelte';
import { streamUrlFor } from '$lib/live/scope';
import type { AlarmView } from '$lib/live/types';
import { activeAlarms, clearedAlarms } from '$lib/wall/state/alarms';
import { Arrivals } from './queue';
import { SoundCue } from './sound.svelte';

export class ConsoleAlarms {
	readonly live = new LiveState();
	readonly #rendered: () => readonly AlarmView[];
	readonly #arrivals: Arrivals;
	readonly #sound = new SoundCue();
	/** Alarms that cleared while the page was open (the stream drops them from its state). */
	readonly #clearedHere = new SvelteMap<string, AlarmView>();
	/** Alarms that arrived while the page was open, not yet marked seen. */
	readonly fresh = new SvelteSet<string>();
	get sound(): boolean {
		return this.#sound.on;
	}

	/** `rendered`: the server's alarms (active and recently cleared), read again when it reloads. */
	constructor(rendered: () => readonly AlarmView[]) {
		this.#rendered = rendered;
		this.#arrivals = new Arrivals(rendered());
	}

	readonly active = $derived.by(() =>
		activeAlarms(this.live.asOf === null ? this.#rendered() : this.live.alarms.values())
	);
	readonly cleared = $derived.by(() => {
		const active = this.active.map((a) => a.id);
		const here = [...this.#clearedHere.values()];
		const rendered = this.#rendered().filter(
			(a) => a.clearedAt !== null && !this.#clearedHere.has(a.id)
		);
		return clearedAlarms([...here, ...rendered].filter((a) => !active.includes(a.id)));
	});
	/** New alarms still active. */
	readonly newCount = $derived(this.active.filter((a) => this.fresh.has(a.id)).length);

	/** Open the stream of `scope` (null: the real picture); returns the close. Browser only. */
	start(scope: string | null): () => void {
		this.#sound.load();
		const close = connect({
			url: streamUrlFor(STREAM_URL, scope),
			onState: (state) => this.live.setConnection(state),
			onEvent: (event, id) => {
				this.live.apply(event, id);
				if (event.type === 'alarm' && event.data.clearedAt !== null)
					this.#clearedHere.set(event.data.id, event.data);
				const added = this.#arrivals.take(this.active);
				for (const a of added) this.fresh.add(a);
				if (added.length) this.#sound.play();
			}
		});
		return () => {
			close();
			this.#sound.close();
		};
	}

	markSeen(): void {
		this.fresh.clear();
	}

	setSound(on: boolean): void {
		this.#sound.set(on);
	}

	unlockAudio(): void {
		this.#sound.unlock();
	}
}
