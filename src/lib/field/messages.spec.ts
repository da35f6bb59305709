import { describe, expect, it } from 'vitest';
import { INCIDENT_TYPES as CONTRACT_TYPES } from '$lib/contracts/incidents';
import { parseMessage } from '$lib/contracts/parse';
import { TEAM_STATUSES as CONTRACT_STATUSES } from '$lib/contracts/teams';
import {
	emergencyMessage,
	fieldTopics,
	INCIDENT_TYPES,
	MAX_PHOTO_BYTES,
	positionMessage,
	reportMessage,
	statusMessage,
	taskingAckMessage,
	TEAM_STATUSES
} from './messages';

const NOW = Date.UTC(2026, 11, 7, 9, 30);
const HERE = { lat: 37.91153, lon: 69.78462, accuracyM: 12.4, speedMps: 1.26, at: NOW };

/** The server's own parser: what the ingest does with the phone's message. */
function ingest(m: { topic: string; payload: string }) {
	return parseMessage(m.topic, new TextEncoder().encode(m.payload), new Date(NOW + 1000));
}

describe('the field app speaks the MQTT v1 contract', () => {
	it('uses the vocabularies the contract validates with', () => {
		expect(CONTRACT_STATUSES).toBe(TEAM_STATUSES);
		expect(CONTRACT_TYPES).toBe(INCIDENT_TYPES);
		expect(fieldTopics.refused('t-1')).toMatch(/^eoc\/v1\/teams\/t-1\//);
	});

	it('makes a status, an emergency and a position the ingest accepts', () => {
		for (const m of [
			statusMessage('t-1', 'on_scene', HERE, NOW),
			statusMessage('t-1', 'available', null, NOW),
			emergencyMessage('t-1', 'en_route', HERE, NOW),
			positionMessage('t-1', HERE, 41.6, NOW)
		]) {
			const r = ingest(m);
			expect(r.ok, JSON.stringify(r)).toBe(true);
		}
		const sos = JSON.parse(emergencyMessage('t-1', 'on_scene', null, NOW).payload);
		expect(sos).toMatchObject({ status: 'on_scene', emergency: true });
		expect(sos.lat).toBeUndefined();
		const pos = JSON.parse(positionMessage('t-1', HERE, 41.6, NOW).payload);
		expect(pos).toMatchObject({ lat: 37.91153, lon: 69.78462, accuracyM: 12, batteryPct: 42 });
		expect(pos.ts).toBe(new Date(NOW).toISOString());
	});

	it('makes a report the ingest accepts, with counts only when some are given', () => {
		const base = { type: 'mudflow' as const, severity: 4, lat: 37.9, lon: 69.8, title: 'Sel' };
		const plain = reportMessage('t-1', base, NOW);
		expect(ingest(plain).ok).toBe(true);
		expect(JSON.parse(plain.payload).casualties).toBeUndefined();
		const counted = reportMessage('t-1', { ...base, trapped: 3, note: '  house  ' }, NOW);
		expect(ingest(counted).ok).toBe(true);
		expect(JSON.parse(counted.payload)).toMatchObject({
			reporter: 't-1',
			description: 'house',
			casualties: { trapped: 3, dead: 0, injured: 0, missing: 0 }
		});
	});

	it('makes a report with a photo the ingest accepts, and one over the limit it refuses', () => {
		const jpeg = (n: number) => {
			const bytes = new Uint8Array(n).fill(7);
			bytes.set([0xff, 0xd8, 0xff]);
			return Buffer.from(bytes).toString('base64');
		};
		const base = { type: 'mudflow' as const, severity: 3, lat: 37.9, lon: 69.8, title: 'Sel' };
		const at = (n: number) =>
			ingest(reportMessage('t-1', { ...base, photo: { type: 'image/jpeg', data: jpeg(n) } }, NOW));
		expect(at(MAX_PHOTO_BYTES).ok).toBe(true);
		expect(at(MAX_PHOTO_BYTES + 1)).toMatchObject({ ok: false, reason: 'schema' });
	});

	it('answers a tasking; the contract refuses a decline without a reason', () => {
		expect(ingest(taskingAckMessage('t-1', 'task-1', 'accepted', undefined, NOW)).ok).toBe(true);
		expect(ingest(taskingAckMessage('t-1', 'task-1', 'declined', 'road cut', NOW)).ok).toBe(true);
		const blank = ingest(taskingAckMessage('t-1', 'task-1', 'declined', '   ', NOW));
		expect(blank.ok).toBe(false);
	});

	it('gives every message its own msgId, kept with it in the queue', () => {
		const a = statusMessage('t-1', 'on_scene', null, NOW);
		const b = statusMessage('t-1', 'on_scene', null, NOW);
		expect(a.msgId).not.toBe(b.msgId);
		expect(JSON.parse(a.payload).msgId).toBe(a.msgId);
		expect(a.msgId.length).toBeLessThanOrEqual(128);
	});
});
