/**
 * The part of the `smpp` package (node-smpp, no types of its own) that the SMPP adapter and the
 * tests' SMPP server use. A PDU's fields are the SMPP 3.4 names; the package decodes
 * short_message to { message, udh? } by data_coding and esm_class. Not named smpp.d.ts: beside
 * smpp.ts, TypeScript would take it for that module's declaration.
 */
declare module 'smpp' {
	import type { EventEmitter } from 'node:events';
	import type { Server as NetServer, Socket } from 'node:net';

	export interface PDU {
		command: string;
		command_status: number;
		sequence_number: number;
		[field: string]: unknown;
		response(options?: Record<string, unknown>): PDU;
		isResponse(): boolean;
	}

	export type Callback = (pdu: PDU) => void;

	export class Session extends EventEmitter {
		socket: Socket;
		send(pdu: PDU, responseCallback?: Callback, sendCallback?: Callback): boolean;
		close(callback?: () => void): void;
		destroy(callback?: () => void): void;
		pause(): void;
		resume(): void;
		bind_transceiver(options: Record<string, unknown>, responseCallback?: Callback): boolean;
		submit_sm(options: Record<string, unknown>, responseCallback?: Callback): boolean;
		deliver_sm(options: Record<string, unknown>, responseCallback?: Callback): boolean;
		enquire_link(
			options?: Record<string, unknown> | Callback,
			responseCallback?: Callback
		): boolean;
		unbind(options?: Record<string, unknown> | Callback, responseCallback?: Callback): boolean;
	}

	export interface Server extends NetServer {
		sessions: Session[];
	}

	export function connect(
		options: { host: string; port: number; auto_enquire_link_period?: number; tls?: boolean },
		listener?: () => void
	): Session;
	export function createServer(
		options: Record<string, unknown>,
		listener: (session: Session) => void
	): Server;

	interface Coder {
		match(text: string): boolean;
		encode(text: string): Buffer;
		decode(bytes: Buffer): string;
	}
	/** ASCII is GSM 03.38 (the 7-bit alphabet, one septet a byte); UCS2 is UTF-16BE. */
	export const encodings: { ASCII: Coder; UCS2: Coder };

	export const ESME_ROK: number;
	export const ESME_RBINDFAIL: number;
	export const ESME_RTHROTTLED: number;
	export const ESME_RMSGQFUL: number;
	export const ESME_RSYSERR: number;
	export const ESME_RINVDSTADR: number;
	export const ESME_RINVNUMDESTS: number;
	export const ESME_RSUBMITFAIL: number;
	export const ESME_RINVPASWD: number;
	export const ESME_RINVSYSID: number;
}
