export interface SseEvent {
	id: string | null;
	event: string;
	data: string;
	receivedAt: number;
}

/**
 * A minimal Server-Sent Events reader on fetch (no EventSource in Node 20), to assert on what a
 * browser would receive: every event with its id, name and data, as it arrives.
 */
export class SseClient {
	readonly events: SseEvent[] = [];
	#controller = new AbortController();
	#done: Promise<void>;
	#waiters: (() => void)[] = [];
	status = 0;

	constructor(url: string, lastEventId?: string, headers: Record<string, string> = {}) {
		this.#done = this.#run(url, lastEventId, headers).catch(() => {});
	}

	async #run(url: string, lastEventId: string | undefined, headers: Record<string, string>) {
		const res = await fetch(url, {
			headers: lastEventId ? { ...headers, 'last-event-id': lastEventId } : headers,
			signal: this.#controller.signal
		});
		this.status = res.status;
		if (!res.body) return;
		const decoder = new TextDecoder();
		let buf = '';
		for await (const chunk of res.body) {
			buf += decoder.decode(chunk, { stream: true });
			let cut: number;
			while ((cut = buf.indexOf('\n\n')) >= 0) {
				const block = buf.slice(0, cut);
				buf = buf.slice(cut + 2);
				const ev: SseEvent = { id: null, event: 'message', data: '', receivedAt: Date.now() };
				const data: string[] = [];
				for (const line of block.split('\n')) {
					if (line.startsWith(':')) continue;
					const i = line.indexOf(':');
					const field = i < 0 ? line : line.slice(0, i);
					const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
					if (field === 'id') ev.id = value;
					else if (field === 'event') ev.event = value;
					else if (field === 'data') data.push(value);
				}
				if (data.length === 0) continue;
				ev.data = data.join('\n');
				this.events.push(ev);
				for (const w of this.#waiters.splice(0)) w();
			}
		}
	}

	/** Resolves with the first event (from the start) that matches, or rejects after timeoutMs. */
	async waitFor(match: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.events.find(match);
			if (found) return found;
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`no matching SSE event in ${timeoutMs} ms`);
			await new Promise<void>((r) => {
				const t = setTimeout(r, left);
				this.#waiters.push(() => {
					clearTimeout(t);
					r();
				});
			});
		}
	}

	/** Resolves when the server ends the stream (or it is closed here). */
	get ended(): Promise<void> {
		return this.#done;
	}

	close() {
		this.#controller.abort();
		return this.#done;
	}
}
