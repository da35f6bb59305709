/** The exercise and demo marks of the live data: what the EXERCISE and DEMO banners show. */
import type { ChunkedMap } from '$lib/live/chunked-map';
import { objectSlot, perChunk } from './per-chunk';
import type { LiveData } from '$lib/live/reduce';

type Marked = { exercise?: string | null; demo?: boolean };
interface Marks {
	exercises: readonly string[];
	demo: boolean;
}

/** Exercise ids and the demo mark of some rows; remembered per chunk of a live collection. */
function marksOf(rows: readonly Marked[]): Marks {
	const exercises = new Set<string>();
	let demo = false;
	for (const row of rows) {
		if (row.exercise) exercises.add(row.exercise);
		if (row.demo) demo = true;
	}
	return { exercises: [...exercises], demo };
}
const marksPerChunk = perChunk(marksOf);
const marksPerCollection = objectSlot<Marks>();

/** A collection's marks: from its chunks' (a live update redoes one chunk), once per version. */
function collectionMarks(c: ChunkedMap<Marked>): Marks {
	let marks = marksPerCollection.get(c);
	if (!marks) {
		const parts = marksPerChunk(c);
		marks = {
			exercises: [...new Set(parts.flatMap((p) => p.exercises))],
			demo: parts.some((p) => p.demo)
		};
		marksPerCollection.set(c, marks);
	}
	return marks;
}

function allMarks(
	data: Omit<LiveData, 'trails' | 'series' | 'settings' | 'resourceKinds' | 'stock'>
): Marks[] {
	const collections = [
		data.teams,
		data.incidents,
		data.sensors,
		data.hazards,
		data.shelters,
		data.alerts,
		data.resources,
		data.requests
	] as ChunkedMap<Marked>[];
	return [...collections.map(collectionMarks), marksOf(data.events)];
}

/** Exercise ids present in the data: any one means the EXERCISE banner. */
export function exerciseIds(
	data: Omit<LiveData, 'trails' | 'series' | 'settings' | 'resourceKinds' | 'stock'>
): string[] {
	return [...new Set(allMarks(data).flatMap((m) => m.exercises))].sort();
}

export function hasDemo(
	data: Omit<LiveData, 'trails' | 'series' | 'settings' | 'resourceKinds' | 'stock'>
): boolean {
	return allMarks(data).some((m) => m.demo);
}
