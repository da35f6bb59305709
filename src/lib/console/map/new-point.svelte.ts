/**
 * The new incident's point, kept in step three ways: the form's latitude and longitude fields
 * (what is submitted, and all there is without JavaScript), the map's marker, and the place search.
 * The fields stay the form's own (not bound), so a live update never rewrites what is typed.
 */
import type { PlaceResult } from '$lib/places';
import { fieldValue, pointOf } from './pick';
import type { LatLon, MapFocus } from './types';

export class NewPoint {
	readonly #form: string;
	point = $state<LatLon | null>(null);
	/** Where the map was last asked to go. */
	focus = $state<MapFocus | null>(null);

	/** `form`: the new-incident form's id; `initial`: a point it was rendered with. */
	constructor(form: string, initial: LatLon | null) {
		this.#form = form;
		this.point = initial;
		this.focus = initial ? { ...initial, seq: 0 } : null;
	}

	#field(name: string): HTMLInputElement | null {
		const form = document.getElementById(this.#form) as HTMLFormElement | null;
		return (form?.elements.namedItem(name) as HTMLInputElement | null) ?? null;
	}

	/** From the map (a click, the marker dragged): the form takes the point. */
	placed = (p: LatLon): void => {
		const lat = this.#field('lat');
		const lon = this.#field('lon');
		if (lat) lat.value = fieldValue(p.lat);
		if (lon) lon.value = fieldValue(p.lon);
		this.point = p;
	};

	/** Typed into the form: the marker follows once the fields hold a point. */
	typed = (e: Event): void => {
		const name = (e.target as HTMLInputElement).name;
		if (name !== 'lat' && name !== 'lon') return;
		this.point = pointOf(this.#field('lat')?.value ?? '', this.#field('lon')?.value ?? '');
	};

	/** A place chosen in the search (which filled the fields): the marker and the map go there. */
	chosen = (p: PlaceResult): void => {
		this.point = { lat: p.lat, lon: p.lon };
		this.focus = { lat: p.lat, lon: p.lon, seq: (this.focus?.seq ?? 0) + 1 };
	};

	/** The form was reset (the incident was opened): no point any more. */
	cleared = (): void => {
		this.point = null;
	};
}
