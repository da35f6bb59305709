import { writePositions, writeStatuses } from '../../entities/team/write';
import type { Handler } from './types';

export const positions: Handler<'position'> = (tx, messages, changes) =>
	writePositions(
		tx,
		messages.map((m) => ({
			teamId: m.teamId,
			ts: m.ts,
			lat: m.body.lat,
			lon: m.body.lon,
			accuracyM: m.body.accuracyM ?? null,
			speedMps: m.body.speedMps ?? null,
			headingDeg: m.body.headingDeg ?? null,
			altitudeM: m.body.altitudeM ?? null,
			batteryPct: m.body.batteryPct ?? null,
			exercise: m.exercise
		})),
		changes
	);

export const statuses: Handler<'status'> = async (tx, messages, changes) => {
	await writeStatuses(
		tx,
		messages.map((m) => ({
			id: m.teamId,
			statusTs: m.ts,
			status: m.body.status,
			incidentId: m.body.incidentId ?? null,
			personnel: m.body.personnel ?? null,
			note: m.body.note ?? null,
			exercise: m.exercise
		})),
		changes
	);
	// A status that carries a fix is also a position.
	const fixes = messages.filter((m) => m.body.lat !== undefined && m.body.lon !== undefined);
	await writePositions(
		tx,
		fixes.map((m) => ({
			teamId: m.teamId,
			ts: m.ts,
			lat: m.body.lat as number,
			lon: m.body.lon as number,
			accuracyM: null,
			speedMps: null,
			headingDeg: null,
			altitudeM: null,
			batteryPct: null,
			exercise: m.exercise
		})),
		changes
	);
};
