import anyAscii from 'any-ascii';

/**
 * A name folded for matching across scripts, case and accents: Tajik and Russian Cyrillic are
 * transliterated to Latin by any-ascii (which follows the Tajik Latin romanization GeoNames uses:
 * ӯ → u, ӣ → i, ҳ → h, ҷ → j, қ → q, ғ → gh, х → kh), then lower-cased, and everything but
 * letters and digits dropped (apostrophes, the hard sign, hyphens, spaces). So "Кӯлоб", "Kŭlob"
 * and "KULOB" all fold to "kulob", "Мӯъминобод" and "Mŭ’minobod" to "muminobod".
 */
export function fold(name: string): string {
	return anyAscii(name.normalize('NFC'))
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** The folded words of a name, for "Somoni" to find "Ismoili Somoní". */
export function foldWords(name: string): string[] {
	return name
		.split(/[\s\-‐–—]+/)
		.map(fold)
		.filter((w) => w.length > 0);
}

/**
 * Edit distance (optimal string alignment: insertions, deletions, substitutions and swaps of two
 * neighbours), stopping early once it exceeds `max`: returns max + 1 then.
 */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev2: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, prev2[j - 2] + 1);
			cur.push(d);
			rowMin = Math.min(rowMin, d);
		}
		if (rowMin > max) return max + 1;
		prev2 = prev;
		prev = cur;
	}
	return prev[b.length];
}
