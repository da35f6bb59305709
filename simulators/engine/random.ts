/**
 * Seeded randomness (pure-rand) for a drill. Each actor draws from its own stream, derived from the
 * drill's seed and the actor's name, so the same seed gives the same drill whatever order the
 * actors run in, and a trainer's manual inject does not shift anyone else's numbers.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** FNV-1a, 32 bits: a number from any seed text (`--seed kulob` and `--seed 42` both work). */
export function hashSeed(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h | 0;
}

/** A stream of numbers in [0, 1), the same for the same seed and name. */
export function stream(seed: string | number, name: string): () => number {
	const rng = xoroshiro128plus(hashSeed(`${seed}\u0000${name}`));
	return () => uniformFloat64(rng);
}
