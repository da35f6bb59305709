/**
 * Test-data factories for the MQTT v1 payloads: plain JSON objects, valid as they are, with a
 * fresh `msgId` and `ts` = now. Overrides are shallow; an override of `undefined` removes the key.
 * Coordinates are around Kulob (37.91 N, 69.78 E).
 */

type Json = Record<string, unknown>;

let counter = 0;
/** A msgId unique within this process run. */
export function nextMsgId(prefix = 'test'): string {
	counter += 1;
	return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

function build(base: Json, overrides: Json): Json {
	const out: Json = { msgId: nextMsgId(), ts: new Date().toISOString(), ...base, ...overrides };
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}

/** UTF-8 bytes of a payload, as it travels over MQTT. */
export function toPayload(value: unknown): Uint8Array {
	return new TextEncoder().encode(JSON.stringify(value));
}

export function validPosition(overrides: Json = {}): Json {
	return build(
		{ lat: 37.9105, lon: 69.7812, accuracyM: 8, speedMps: 4.2, headingDeg: 135, batteryPct: 76 },
		overrides
	);
}

export function validStatus(overrides: Json = {}): Json {
	return build(
		{ status: 'en_route', incidentId: 'inc-kulob-0001', lat: 37.9105, lon: 69.7812, personnel: 6 },
		overrides
	);
}

export function validTasking(overrides: Json = {}): Json {
	return build(
		{
			incidentId: 'inc-kulob-0001',
			message: 'Proceed to Yakhsu bridge, assess mudflow',
			priority: 2
		},
		overrides
	);
}

export function validReport(overrides: Json = {}): Json {
	return build(
		{
			reporter: 'kulob-rescue-1',
			type: 'mudflow',
			severity: 4,
			lat: 37.9162,
			lon: 69.7734,
			title: 'Mudflow crossing the Kulob-Dangara road',
			casualties: { dead: 0, injured: 2, missing: 1, trapped: 0 },
			affected: { people: 120, households: 24 },
			needs: ['excavator', 'medical team']
		},
		overrides
	);
}

export function validUpdate(overrides: Json = {}): Json {
	return build(
		{ status: 'contained', severity: 3, note: 'Flow has stopped at the bridge' },
		overrides
	);
}

export function validReading(overrides: Json = {}): Json {
	return build({ kind: 'water_level_cm', value: 182.5, unit: 'cm' }, overrides);
}

/** A closed square ring of `size` degrees with its south-west corner at (lon, lat). */
export function squarePolygon(lon = 69.77, lat = 37.9, size = 0.01) {
	return {
		type: 'Polygon',
		coordinates: [
			[
				[lon, lat],
				[lon + size, lat],
				[lon + size, lat + size],
				[lon, lat + size],
				[lon, lat]
			]
		]
	};
}

export function validExtent(overrides: Json = {}): Json {
	return build(
		{ kind: 'mudflow', geometry: squarePolygon(), depthM: 1.2, volumeM3: 45000 },
		overrides
	);
}
