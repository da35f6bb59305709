/**
 * Test-data factories for the live view types: one place, sensible Kulob defaults, override what a
 * test is about. Used by unit tests; not imported by app code.
 */
import { DEFAULT_SETTINGS } from './settings';
import type {
	AlertView,
	HazardView,
	IncidentView,
	LogEntryView,
	SensorView,
	SettingsView,
	ShelterView,
	Snapshot,
	TeamView
} from './types';

export const T0 = '2025-05-07T09:00:00.000Z';

export function makeTeam(over: Partial<TeamView> = {}): TeamView {
	return {
		id: 'kr-2',
		callsign: 'KR-2',
		kind: 'rescue',
		status: 'available',
		statusTs: T0,
		incidentId: null,
		personnel: 6,
		lat: 37.9123,
		lon: 69.7811,
		positionTs: T0,
		headingDeg: null,
		speedMps: null,
		batteryPct: 80,
		exercise: null,
		demo: false,
		tasking: null,
		...over
	};
}

export function makeIncident(over: Partial<IncidentView> = {}): IncidentView {
	return {
		id: 'inc-1',
		type: 'mudflow',
		severity: 4,
		status: 'open',
		title: 'Mudflow · Charmgaron st.',
		description: null,
		place: null,
		lat: 37.915,
		lon: 69.79,
		casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
		affected: { people: 0, households: 0 },
		needs: [],
		reporter: null,
		reportedAt: T0,
		updatedAt: T0,
		exercise: null,
		demo: false,
		acknowledged: true,
		photos: [],
		...over
	};
}

export function makeSensor(over: Partial<SensorView> = {}): SensorView {
	return {
		id: 'tebalay-level',
		kind: 'water_level_cm',
		name: 'Tebalay level',
		unit: 'cm',
		lat: 37.92,
		lon: 69.77,
		warning: 150,
		danger: 200,
		lastValue: 120,
		lastTs: T0,
		exercise: null,
		demo: false,
		...over
	};
}

export function makeHazard(over: Partial<HazardView> = {}): HazardView {
	return {
		id: 'hz-1',
		kind: 'mudflow',
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[69.78, 37.93],
					[69.79, 37.93],
					[69.79, 37.92],
					[69.78, 37.93]
				]
			]
		},
		depthM: 1.5,
		volumeM3: 50000,
		ts: T0,
		exercise: null,
		demo: false,
		...over
	};
}

export function makeShelter(over: Partial<ShelterView> = {}): ShelterView {
	return {
		id: 'school-53',
		name: 'School No. 53',
		lat: 37.908,
		lon: 69.776,
		capacity: 400,
		occupancy: 120,
		demo: false,
		...over
	};
}

export function makeSnapshot(over: Partial<Snapshot> = {}): Snapshot {
	return {
		teams: [makeTeam()],
		incidents: [makeIncident()],
		sensors: [makeSensor()],
		hazards: [makeHazard()],
		shelters: [makeShelter()],
		alerts: [],
		alarms: [],
		resources: [],
		resourceKinds: [],
		stock: [],
		requests: [],
		settings: makeSettings(),
		events: [makeLogEntry()],
		trails: {},
		series: {},
		asOf: T0,
		...over
	};
}

export function makeSettings(over: Partial<SettingsView> = {}): SettingsView {
	return { ...DEFAULT_SETTINGS, ...over };
}

export function makeLogEntry(over: Partial<LogEntryView> = {}): LogEntryView {
	return {
		id: '1',
		ts: T0,
		text: 'School No. 53 opened as gathering point',
		incidentId: null,
		author: 'duty officer',
		verifiedAt: T0,
		exercise: null,
		demo: false,
		...over
	};
}

export function makeAlert(over: Partial<AlertView> = {}): AlertView {
	return {
		id: 'hydromet@meteo.tj,tj-2026-0507-01,2026-05-07T01:00:00.000Z',
		sender: 'hydromet@meteo.tj',
		identifier: 'tj-2026-0507-01',
		sent: T0,
		status: 'Actual',
		msgType: 'Alert',
		expiresAt: '2099-01-01T00:00:00.000Z',
		supersededBy: null,
		shown: true,
		origin: 'mqtt',
		exercise: null,
		info: [
			{
				language: 'en-US',
				event: 'Heavy rain',
				urgency: 'Expected',
				severity: 'Severe',
				certainty: 'Likely',
				headline: 'Heavy rain and mudflow danger in Kulob',
				area: [
					{
						areaDesc: 'Kulob',
						geometry: {
							type: 'MultiPolygon',
							coordinates: [
								[
									[
										[69.74, 37.88],
										[69.82, 37.88],
										[69.82, 37.94],
										[69.74, 37.94],
										[69.74, 37.88]
									]
								]
							]
						}
					}
				]
			}
		],
		...over
	};
}
