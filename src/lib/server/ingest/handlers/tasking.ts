import { writeAcks } from '../../entities/tasking/write';
import type { Handler } from './types';

export const taskingAcks: Handler<'tasking_ack'> = (tx, messages, changes) =>
	writeAcks(
		tx,
		messages.map((m) => ({
			teamId: m.teamId,
			taskingId: m.body.taskingId,
			answer: m.body.answer,
			reason: m.body.reason ?? null,
			note: m.body.note ?? null,
			ts: m.ts,
			msgId: m.msgId
		})),
		changes
	);
