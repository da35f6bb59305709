/**
 * The console's incidents page, live: the same stream and state as the wall (live/connect.ts,
 * live/live.svelte.ts), scoped to the console's picture. Until the stream's first snapshot the
 * page shows what the server rendered; after it, the stream's incidents. A report that was not
 * on the page before is cued (highlighted, counted, and a chime where the operator turned it on)
 * until the operator marks the queue seen.
 */
import { connect, STREAM_URL } from '$lib/live/connect';
import { LiveState } from '$lib/live/live.svelte';
import { streamUrlFor } from '$lib/live/scope';
import type { IncidentView } from '$lib/live/types';
import { Chime, rememberSound, soundWanted } from './chime';
import { SvelteSet } from 'svelte/reactivity';
import { Arrivals, consoleOrder } from './queue';

const isReport = (i: IncidentView) => i.status === 'reported';

export class ConsoleLive {
	readonly live = new LiveState();
	readonly #rendered: () => readonly IncidentView[];
	readonly #arrivals: Arrivals;
	readonly #chime = new Chime();
	/** Reports that arrived while the page was open, not yet marked seen. */
	readonly fresh = new SvelteSet<string>();
	sound = $state(false);

	/** `rendered`: the server's list (already in console order), read again when it reloads. */
	constructor(rendered: () => readonly IncidentView[]) {
		this.#rendered = rendered;
		this.#arrivals = new Arrivals(rendered().filter(isReport));
	}

	readonly incidents = $derived.by(() =>
		this.live.asOf === null ? this.#rendered() : consoleOrder(this.live.incidents.values())
	);
	readonly reports = $derived(this.incidents.filter(isReport));
	readonly open = $derived(this.incidents.filter((i) => !isReport(i)));
	/** New reports still in the queue (one accepted elsewhere is no longer counted). */
	readonly newCount = $derived(this.reports.filter((r) => this.fresh.has(r.id)).length);

	/** Open the stream of `scope` (null: the real picture); returns the close. Browser only. */
	start(scope: string | null): () => void {
		this.sound = soundWanted(globalThis.localStorage);
		const close = connect({
			url: streamUrlFor(STREAM_URL, scope),
			onEvent: (event, id) => {
				this.live.apply(event, id);
				this.#cue();
			},
			onState: (state) => this.live.setConnection(state)
		});
		return () => {
			close();
			this.#chime.close();
		};
	}

	#cue(): void {
		const added = this.#arrivals.take(this.reports);
		if (added.length === 0) return;
		for (const id of added) this.fresh.add(id);
		if (this.sound) this.#chime.play();
	}

	markSeen(): void {
		this.fresh.clear();
	}

	/** From the toggle (a click: the browser then allows audio). */
	setSound(on: boolean): void {
		this.sound = on;
		rememberSound(globalThis.localStorage, on);
		if (on) this.#chime.unlock();
	}

	/** Any click or key press on the page: lets a remembered "sound on" play. */
	unlockAudio(): void {
		if (this.sound) this.#chime.unlock();
	}
}
