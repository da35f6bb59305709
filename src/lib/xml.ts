/**
 * The one XML writer of the exports (CAP, Atom, CoT): fast-xml-parser's builder, which escapes
 * text and attributes. Attributes are keys starting with `@`; arrays repeat their element.
 */
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	format: true,
	indentBy: '  ',
	processEntities: true,
	suppressEmptyNode: true
});

/** A complete UTF-8 document with one root element. */
export function xmlDocument(root: string, body: Record<string, unknown>): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: body })}`;
}
