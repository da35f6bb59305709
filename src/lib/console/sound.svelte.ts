/**
 * A console page's optional sound for something new (chime.ts), as one piece: on only where the
 * operator turned it on (remembered per browser), unlocked by the first click or key press.
 */
import { Chime, rememberSound, soundWanted } from './chime';

export class SoundCue {
	readonly #chime = new Chime();
	on = $state(false);

	/** Reads the remembered choice (browser only). */
	load(): void {
		this.on = soundWanted(globalThis.localStorage);
	}

	/** From the toggle (a click: the browser then allows audio). */
	set(on: boolean): void {
		this.on = on;
		rememberSound(globalThis.localStorage, on);
		if (on) this.#chime.unlock();
	}

	/** Any click or key press on the page: lets a remembered "sound on" play. */
	unlock(): void {
		if (this.on) this.#chime.unlock();
	}

	play(): void {
		if (this.on) this.#chime.play();
	}

	close(): void {
		this.#chime.close();
	}
}
