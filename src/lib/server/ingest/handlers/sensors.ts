import { writeReadings } from '../../entities/sensor/write';
import type { Handler } from './types';

export const readings: Handler<'sensor_reading'> = (tx, messages, changes) =>
	writeReadings(
		tx,
		messages.map((m) => ({
			sensorId: m.sensorId,
			ts: m.ts,
			kind: m.body.kind,
			value: m.body.value,
			unit: m.body.unit ?? null,
			exercise: m.exercise
		})),
		changes
	);
