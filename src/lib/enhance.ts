import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * `use:enhance={resetAfterSave}` for a form that edits stored values (its fields take them as
 * `defaultValue`). SvelteKit's default resets the form before it reloads the page's data; a select
 * then shows the old value (Svelte marks the new default without moving a select's choice), and
 * the next save would write the old value back. This reloads first, then resets, so every field
 * shows what is now stored.
 */
export const resetAfterSave: SubmitFunction =
	() =>
	async ({ update, formElement, result }) => {
		await update({ reset: false });
		if (result.type !== 'success') return;
		await tick();
		// From the prototype, as SvelteKit does: a field named "reset" would shadow the method.
		HTMLFormElement.prototype.reset.call(formElement);
	};
