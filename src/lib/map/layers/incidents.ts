/**
 * Incidents on the map: a disc in the severity colour with a light ring, sized by people affected,
 * and the severity number inside it (colour is never the only cue).
 */
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { IncidentView } from '$lib/live/types';
import { rgba, SEVERITY_HEX, severityLevel, type Rgba } from '../palette';
import { LABEL_CHARACTER_SET, LABEL_FONT_FAMILY, LABEL_FONT_SETTINGS, type MapUi } from './common';

export const INCIDENT_RADIUS_MIN_PX = 12;
export const INCIDENT_RADIUS_MAX_PX = 28;
/** The middle of the disc that holds the severity number. */
export const INCIDENT_CORE_PX = 11;

export function severityColour(severity: number, alpha = 255): Rgba {
	return rgba(SEVERITY_HEX[severityLevel(severity)], alpha);
}

/** Area grows with people affected (radius with the square root), clamped to stay readable. */
export function incidentRadius(peopleAffected: number): number {
	const people = Number.isFinite(peopleAffected) ? Math.max(0, peopleAffected) : 0;
	return Math.min(INCIDENT_RADIUS_MAX_PX, INCIDENT_RADIUS_MIN_PX + 0.5 * Math.sqrt(people));
}

/** Contained incidents are drawn fainter than open ones. */
export function incidentFill(incident: IncidentView): Rgba {
	return severityColour(incident.severity, incident.status === 'contained' ? 150 : 255);
}

export function incidentsLayer(rows: readonly IncidentView[], _ui: MapUi) {
	return new ScatterplotLayer<IncidentView>({
		id: 'incidents',
		data: rows,
		getPosition: (i) => [i.lon, i.lat],
		getFillColor: incidentFill,
		getLineColor: [245, 247, 250, 255],
		getRadius: (i) => incidentRadius(i.affected.people),
		radiusUnits: 'pixels',
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: 2.5,
		updateTriggers: {}
	});
}

export function incidentSeverityLayer(rows: readonly IncidentView[], _ui: MapUi) {
	return new TextLayer<IncidentView>({
		id: 'incident-severity',
		data: rows,
		getPosition: (i) => [i.lon, i.lat],
		getText: (i) => String(severityLevel(i.severity)),
		getColor: [10, 16, 28, 255],
		getSize: 20,
		sizeUnits: 'pixels',
		getTextAnchor: 'middle',
		getAlignmentBaseline: 'center',
		fontFamily: LABEL_FONT_FAMILY,
		fontWeight: 700,
		characterSet: LABEL_CHARACTER_SET,
		fontSettings: LABEL_FONT_SETTINGS,
		updateTriggers: {}
	});
}
