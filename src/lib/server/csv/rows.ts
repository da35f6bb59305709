/**
 * The rows of a CSV text (papaparse), each with the line of the file it starts on (a quoted cell
 * may span lines; blank lines are skipped), and papaparse's problems with their lines: what an
 * import needs to name a bad row by the line an editor shows.
 */
import Papa from 'papaparse';

export interface CsvRow {
	line: number;
	cells: string[];
}

export function csvRows(text: string): {
	rows: CsvRow[];
	errors: { line: number; message: string }[];
} {
	const rows: CsvRow[] = [];
	const errors: { line: number; message: string }[] = [];
	let from = 0;
	const lineAt = (offset: number) => {
		let start = offset;
		while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
		return text.slice(0, start).split('\n').length;
	};
	Papa.parse<string[]>(text, {
		skipEmptyLines: 'greedy',
		step: (r) => {
			const line = lineAt(from);
			from = r.meta.cursor;
			for (const e of r.errors) errors.push({ line, message: e.message });
			rows.push({ line, cells: r.data });
		}
	});
	return { rows, errors };
}
