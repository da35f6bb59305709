/**
 * Outbox progress to the screens through the change log: the sources whose rows moved, gathered
 * and written as one `outbox` change each at most every `gapMs` (a 10,000-message warning is a
 * change a batch, never a change a message), then the hub is poked.
 */
import type { Database } from '../../db/types';
import { recordChanges } from '../../live/changes';
import type { Logger } from '../../ops/log';

export function progressRecorder(
	db: Database,
	log: Logger,
	onWritten: () => void,
	gapMs = 500
): { changed(sources: ReadonlySet<string>): void; flush(): Promise<void> } {
	const pending = new Set<string>();
	let timer: ReturnType<typeof setTimeout> | null = null;
	let writing: Promise<void> | null = null;
	const write = async () => {
		timer = null;
		if (pending.size === 0) return;
		const ids = new Set(pending);
		pending.clear();
		try {
			await db.transaction((tx) => recordChanges(tx, new Map([['outbox', ids]])));
			onWritten();
		} catch (err) {
			log.warn({ err: String(err) }, 'outbox: progress change not written');
		}
	};
	return {
		changed(sources) {
			for (const s of sources) pending.add(s);
			timer ??= setTimeout(() => {
				writing = write().finally(() => (writing = null));
			}, gapMs);
		},
		async flush() {
			if (timer) {
				clearTimeout(timer);
				timer = null;
			}
			await writing;
			await write();
		}
	};
}
