/**
 * Why an operator's action changed nothing (no such row, another picture, already handled): its
 * HTTP status and a message key, shown in the operator's language.
 */
export class ConsoleError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		readonly problem: string
	) {
		super(problem);
	}
}
