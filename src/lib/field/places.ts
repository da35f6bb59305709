/** The places a report may name (GET /field/places.json, kept by the service worker offline). */
export interface FieldPlace {
	id: string;
	names: { en: string; ru?: string; tg?: string };
	lat: number;
	lon: number;
}

export function placeName(p: FieldPlace, locale: 'en' | 'ru' | 'tg'): string {
	return p.names[locale] ?? p.names.en;
}

function isPlace(v: unknown): v is FieldPlace {
	if (!v || typeof v !== 'object') return false;
	const p = v as Record<string, unknown>;
	const names = p.names as Record<string, unknown> | undefined;
	return (
		typeof p.id === 'string' &&
		typeof names?.en === 'string' &&
		typeof p.lat === 'number' &&
		typeof p.lon === 'number' &&
		Math.abs(p.lat) <= 90 &&
		Math.abs(p.lon) <= 180
	);
}

/** The list, or [] when neither the network nor the stored copy has it. */
export async function loadPlaces(): Promise<FieldPlace[]> {
	try {
		const res = await fetch('/field/places.json');
		if (!res.ok) return [];
		const body: unknown = await res.json();
		return Array.isArray(body) ? body.filter(isPlace) : [];
	} catch {
		return [];
	}
}

/** The place whose name (in any language, any case) is `text`. */
export function findPlace(places: readonly FieldPlace[], text: string): FieldPlace | undefined {
	const wanted = text.trim().toLocaleLowerCase();
	if (!wanted) return undefined;
	return places.find((p) => Object.values(p.names).some((n) => n?.toLocaleLowerCase() === wanted));
}
