/**
 * The console's optional sound for a new field report: a short two-tone chime made with WebAudio
 * (no file, no request), on only where the operator turned it on (remembered per browser in
 * localStorage). Browsers keep audio silent until the page has had a click or a key press, so the
 * context is created or resumed on the first one.
 */
const KEY = 'eoc_console_sound';

export function soundWanted(storage: Pick<Storage, 'getItem'> | undefined): boolean {
	try {
		return storage?.getItem(KEY) === 'on';
	} catch {
		return false; // storage refused (private mode, a policy): no sound rather than an error
	}
}

export function rememberSound(storage: Pick<Storage, 'setItem'> | undefined, on: boolean): void {
	try {
		storage?.setItem(KEY, on ? 'on' : 'off');
	} catch {
		// not remembered; the toggle still works on this page
	}
}

export class Chime {
	#ctx: AudioContext | null = null;

	/** Call from a click or key press: the browser then lets the page play sound. */
	unlock(): void {
		if (typeof AudioContext === 'undefined') return;
		this.#ctx ??= new AudioContext();
		if (this.#ctx.state === 'suspended') void this.#ctx.resume().catch(() => {});
	}

	/** Two short tones, quiet; nothing when audio is not yet allowed. */
	play(): void {
		const ctx = this.#ctx;
		if (!ctx || ctx.state !== 'running') return;
		const t = ctx.currentTime;
		for (const [i, freq] of [880, 1320].entries()) {
			const osc = ctx.createOscillator();
			const gain = ctx.createGain();
			osc.frequency.value = freq;
			const start = t + i * 0.18;
			gain.gain.setValueAtTime(0.0001, start);
			gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
			osc.connect(gain).connect(ctx.destination);
			osc.start(start);
			osc.stop(start + 0.17);
		}
	}

	close(): void {
		void this.#ctx?.close().catch(() => {});
		this.#ctx = null;
	}
}
