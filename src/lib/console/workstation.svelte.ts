/**
 * The console workstation's selection and keyboard: one report or incident selected (j/k, a click
 * in a list or on the map) and shown in the detail board; a, m and r act on the selected report
 * through the forms in its row, so a shortcut does exactly what the buttons do (keys.ts).
 * Created during the page's initialisation (its effects belong to the page).
 */
import { untrack } from 'svelte';
import type { IncidentView } from '$lib/live/types';
import { keepSelection, shortcutOf, stepThrough } from './keys';

/** The boards side by side: the same query as the console page's CSS. */
export const WORKSTATION_QUERY = '(min-width: 1600px) and (min-height: 800px)';

const rowOf = (id: string) => document.querySelector(`[data-report="${CSS.escape(id)}"]`);

export class Workstation {
	selected = $state<string | null>(null);
	readonly #incidents: () => readonly IncidentView[];
	readonly #reports: () => readonly IncidentView[];

	/** `incidents`: everything the page lists; `reports`: the queue, in its order. */
	constructor(incidents: () => readonly IncidentView[], reports: () => readonly IncidentView[]) {
		this.#incidents = incidents;
		this.#reports = reports;
		// A report accepted, merged or rejected leaves the queue: the next one takes its place.
		let queued: string[] = [];
		$effect.pre(() => {
			const ids = this.#reports().map((r) => r.id);
			const current = untrack(() => this.selected);
			if (current !== null && queued.includes(current) && !ids.includes(current))
				this.selected = keepSelection(queued, ids, current);
			queued = ids;
		});
		// The selected row stays in sight in its board.
		$effect(() => {
			if (this.selected === null) return;
			const id = CSS.escape(this.selected);
			document
				.querySelector(`[data-report="${id}"], [data-incident="${id}"]`)
				?.scrollIntoView({ block: 'nearest' });
		});
	}

	/** The selected report or incident, while the page lists it. */
	readonly incident = $derived.by(
		() => this.#incidents().find((i) => i.id === this.selected) ?? null
	);
	/** The selected id when it is a report in the queue: what a, m and r act on. */
	readonly report = $derived.by(() =>
		this.#reports().some((r) => r.id === this.selected) ? this.selected : null
	);

	select = (id: string): void => {
		this.selected = id;
	};

	/** The page's key presses: a shortcut, unless the operator is typing. */
	keydown = (e: KeyboardEvent): void => {
		const does = shortcutOf(e);
		if (!does) return;
		if (does === 'next' || does === 'previous') {
			e.preventDefault();
			const ids = this.#reports().map((r) => r.id);
			this.selected = stepThrough(ids, this.report, does === 'next' ? 1 : -1) ?? this.selected;
			return;
		}
		const row = this.report ? rowOf(this.report) : null;
		if (!row) return;
		e.preventDefault();
		if (does === 'accept')
			row.querySelector<HTMLFormElement>('form[action="?/accept"]')?.requestSubmit();
		else if (does === 'merge') row.querySelector<HTMLSelectElement>('select[name=into]')?.focus();
		else row.querySelector<HTMLInputElement>('input[name=reason]')?.focus();
	};

	/** Enter on a report's merge list merges (the m shortcut lands there). */
	mergeKey = (e: KeyboardEvent): void => {
		if (e.key !== 'Enter') return;
		e.preventDefault();
		(e.currentTarget as HTMLSelectElement).form?.requestSubmit();
	};

	/** An incident's title: its own page, or on the workstation (a plain click) the detail board. */
	open = (e: MouseEvent, id: string): void => {
		if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
		if (!matchMedia(WORKSTATION_QUERY).matches) return;
		e.preventDefault();
		this.selected = id;
	};
}
