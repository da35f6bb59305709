/**
 * The console's requests, live: the same stream and state as the wall and the other console pages
 * (live/connect.ts, live/live.svelte.ts), scoped to the console's picture. Until the stream's
 * first snapshot the page shows what the server rendered; after it, the stream's requests and
 * kinds. `onRequest` hears every request event (the request page reloads its steps with it).
 */
import { connect, STREAM_URL } from '$lib/live/connect';
import { LiveState } from '$lib/live/live.svelte';
import { streamUrlFor } from '$lib/live/scope';
import type { RequestView, ResourceKindView } from '$lib/live/types';

export class ConsoleRequests {
	readonly live = new LiveState();
	readonly #rendered: () => {
		requests: readonly RequestView[];
		kinds: readonly ResourceKindView[];
	};

	constructor(
		rendered: () => { requests: readonly RequestView[]; kinds: readonly ResourceKindView[] }
	) {
		this.#rendered = rendered;
	}

	readonly requests = $derived.by((): readonly RequestView[] =>
		this.live.asOf === null ? this.#rendered().requests : [...this.live.requests.values()]
	);
	readonly kinds = $derived.by((): Readonly<Record<string, ResourceKindView>> =>
		Object.fromEntries(
			(this.live.asOf === null
				? this.#rendered().kinds
				: [...this.live.resourceKinds.values()]
			).map((k) => [k.id, k])
		)
	);

	/** Open the stream of `scope` (null: the real picture); returns the close. Browser only. */
	start(scope: string | null, onRequest?: (r: RequestView) => void): () => void {
		return connect({
			url: streamUrlFor(STREAM_URL, scope),
			onState: (state) => this.live.setConnection(state),
			onEvent: (event, id) => {
				this.live.apply(event, id);
				if (event.type === 'request') onRequest?.(event.data);
			}
		});
	}
}
