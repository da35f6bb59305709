/** What every layer builder shares: the UI inputs and the label font. */

export interface MapUi {
	/**
	 * Wall clock for ages and staleness (ms). The page rounds it (e.g. to 15 s) so that layers are
	 * not rebuilt every second for a label that only shows minutes.
	 */
	now: number;
	/** Map zoom, for label decluttering (the page rounds it to quarter steps). */
	zoom: number;
	/** A team silent longer than this is stale (settings.staleAfterMin); default 10 min. */
	staleAfterMs?: number;
	/** The screen's language, for place names; default English. */
	locale?: MapLocale;
	/**
	 * Size factor for symbols and labels (1 at a 1080p wall; the map reports more when it is much
	 * larger in CSS pixels, e.g. a 4K screen at devicePixelRatio 1). Default 1.
	 */
	scale?: number;
}

export type MapLocale = 'tg' | 'ru' | 'en';

/** A size in CSS px at the wall's scale. */
export function px(ui: MapUi, n: number): number {
	return n * (ui.scale ?? 1);
}

/**
 * A feature's name in the screen's language: `name:tg`/`name:ru`/`name:en`, then the layer's label
 * field, then `name`. Tajik falls back to Russian before Latin (both Cyrillic, both read locally).
 */
export function localName(
	props: Record<string, unknown> | null | undefined,
	locale: MapLocale = 'en',
	labelField?: string
): string | null {
	if (!props) return null;
	const order = locale === 'tg' ? ['tg', 'ru'] : [locale];
	for (const l of order) {
		const v = props[`name:${l}`];
		if (typeof v === 'string' && v.trim()) return v.trim();
	}
	for (const key of [labelField, 'name']) {
		const v = key ? props[key] : undefined;
		if (typeof v === 'string' && v.trim()) return v.trim();
		if (typeof v === 'number') return String(v);
	}
	return null;
}

/** The CSS font of every map label; the page loads it before the first draw (docs/platform-notes.md). */
export const LABEL_FONT_FAMILY = '"Noto Sans", sans-serif';
/** What `document.fonts.load` must fetch: both subsets, so Cyrillic is ready too. */
export const LABEL_FONT_LOAD = ['400 16px "Noto Sans"', '600 16px "Noto Sans"'] as const;
export const LABEL_FONT_SAMPLE = 'Kulob Кӯлоб ҷӯҳқғӣ';

function range(from: number, to: number): string {
	let s = '';
	for (let c = from; c <= to; c++) s += String.fromCharCode(c);
	return s;
}

/**
 * Printable ASCII, the Cyrillic block (Tajik ғ ӣ қ ӯ ҳ ҷ and Russian) and the punctuation the
 * labels use. TextLayer's default is ASCII only: anything else would draw as nothing.
 */
export const LABEL_CHARACTER_SET = range(0x20, 0x7e) + range(0x400, 0x4ff) + '·—–…°№«»’“”×≤≥⚠';

/** SDF atlas so labels can have a dark halo that keeps them legible over any fill. */
export const LABEL_FONT_SETTINGS = { sdf: true, fontSize: 64, buffer: 8, radius: 12 };

/** Dark halo around map labels. */
export const LABEL_OUTLINE = { outlineWidth: 0.25, outlineColor: [10, 16, 28, 230] } as const;

/**
 * Remember a derived array per input array: the rows only change identity when live data changes,
 * and deck.gl recomputes a layer's attributes whenever its `data` changes identity.
 */
export function memoByRef<A extends object, R>(fn: (input: A) => R): (input: A) => R {
	const cache = new WeakMap<A, R>();
	return (input) => {
		let out = cache.get(input);
		if (out === undefined) {
			out = fn(input);
			cache.set(input, out);
		}
		return out;
	};
}

/** What every placed (decluttered) text label draws with; a layer adds its id, data and colour. */
export const placedLabelProps = {
	getPosition: (l: { lon: number; lat: number }): [number, number] => [l.lon, l.lat],
	getText: (l: { text: string }) => l.text,
	sizeUnits: 'pixels',
	getTextAnchor: (l: { anchor: 'start' | 'middle' | 'end' }) => l.anchor,
	getAlignmentBaseline: 'center',
	getPixelOffset: (l: { offset: readonly [number, number] }): [number, number] => [
		l.offset[0],
		l.offset[1]
	],
	fontFamily: LABEL_FONT_FAMILY,
	fontWeight: 600,
	characterSet: LABEL_CHARACTER_SET,
	fontSettings: LABEL_FONT_SETTINGS,
	...LABEL_OUTLINE
} as const;

/** memoByRef for a function of two arrays (e.g. teams and incidents joined into lines). */
export function memoByRefs<A extends object, B extends object, R>(
	fn: (a: A, b: B) => R
): (a: A, b: B) => R {
	const cache = new WeakMap<A, WeakMap<B, R>>();
	return (a, b) => {
		let inner = cache.get(a);
		if (!inner) cache.set(a, (inner = new WeakMap()));
		let out = inner.get(b);
		if (out === undefined) {
			out = fn(a, b);
			inner.set(b, out);
		}
		return out;
	};
}

/**
 * Remember the last call only, by the identity of its arguments: for inputs that change with
 * every live update (a new version of the teams, a new joined array), where only the newest is
 * asked for again and a WeakMap would keep growing its table (per-chunk.ts objectSlot).
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
	let last: A | null = null;
	let out: R;
	return (...args) => {
		if (last === null || last.length !== args.length || last.some((a, i) => a !== args[i])) {
			out = fn(...args);
			last = args;
		}
		return out;
	};
}
