/**
 * Import a reference layer (GeoJSON or KML) into the database the app uses (DATABASE_URL, else
 * the embedded PGlite in PGLITE_DIR: stop the app first, PGlite allows one process).
 *
 *   npm run layers:import -- --file districts.geojson --id districts --name "Districts" \
 *     --kind boundary [--label-field shapeName] [--color #8ea0bb] \
 *     [--attribution "© OpenStreetMap contributors, geoBoundaries"]
 *
 * Re-importing an id replaces that layer. Exit code 0 on success, 1 on a bad file or arguments.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importReference, ReferenceFileError } from '../src/lib/server/reference/store';
import { MAX_LAYER_BYTES } from '../src/lib/server/reference/validate';
import { fail, openAppDatabase, run } from './cli';

const USAGE = `usage: npm run layers:import -- --file FILE --id ID --name NAME --kind boundary|river|settlement|road|other [--label-field FIELD] [--color #RRGGBB] [--attribution TEXT]`;

async function main() {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				file: { type: 'string' },
				id: { type: 'string' },
				name: { type: 'string' },
				kind: { type: 'string' },
				'label-field': { type: 'string' },
				color: { type: 'string' },
				attribution: { type: 'string' },
				help: { type: 'boolean' }
			}
		}));
	} catch (e) {
		fail([(e as Error).message, USAGE]);
	}
	if (values.help) return console.log(USAGE);
	const missing = ['file', 'id', 'name', 'kind'].filter((k) => !values[k as keyof typeof values]);
	if (missing.length) fail([`missing ${missing.map((m) => `--${m}`).join(', ')}`, USAGE]);
	const file = values.file as string;

	const info = await stat(file).catch(() => fail([`cannot read ${file}: no such file`]));
	if (info.size > MAX_LAYER_BYTES) {
		fail([
			`${file}: too big (${(info.size / 1048576).toFixed(1)} MiB, limit ${MAX_LAYER_BYTES / 1048576} MiB)`
		]);
	}
	console.log(`reading ${file} (${(info.size / 1024).toFixed(0)} KiB)…`);
	const text = await readFile(file, 'utf8');

	const db = await openAppDatabase(true);
	try {
		console.log('validating and writing…');
		const started = Date.now();
		const r = await importReference(
			db,
			{
				id: values.id as string,
				name: values.name as string,
				kind: values.kind as 'other',
				labelField: values['label-field'],
				color: values.color,
				attribution: values.attribution
			},
			text,
			basename(file)
		);
		const [w, s, e, n] = r.bbox.map((x) => x.toFixed(3));
		console.log(
			[
				`${r.replaced ? 'replaced' : 'imported'} layer "${r.id}" (${r.kind}, ${r.format})`,
				`  features: ${r.featureCount}${r.dropped ? ` (${r.dropped} without geometry left out)` : ''}`,
				`  bbox: ${w}–${e} E, ${s}–${n} N`,
				`  stored: ${(r.bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`,
				'The wall picks it up on its next load or reconnect.'
			].join('\n')
		);
	} catch (e) {
		if (e instanceof ReferenceFileError)
			fail([`${file}: cannot import`, ...e.problems.map((p) => `  ${p}`)]);
		throw e;
	} finally {
		await db.close();
	}
}

run(main);
