/**
 * Incidents on the map: a disc in the severity colour (Okabe–Ito), sized by people affected, with
 * the glyph of its type drawn dark on it and the severity number in a badge beside it (colour is
 * never the only cue). New, unacknowledged incidents pulse: a ring that grows and fades, driven
 * by uniforms only (radiusScale, opacity), so a frame of pulse costs no attribute update.
 */
import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { IncidentView } from '$lib/live/types';
import { ICON_ATLAS, ICON_MAPPING } from '../icons';
import { rgba, SEVERITY_HEX, severityLevel, type Rgba } from '../palette';
import {
	LABEL_CHARACTER_SET,
	LABEL_FONT_FAMILY,
	LABEL_FONT_SETTINGS,
	memoByRef,
	px,
	type MapUi
} from './common';

export const INCIDENT_RADIUS_MIN_PX = 18;
export const INCIDENT_RADIUS_MAX_PX = 34;
/** The middle of the disc that holds the glyph: labels keep clear of it. */
export const INCIDENT_CORE_PX = 14;
/** The severity number: ≥ 18 px to be read from 5 m (docs/design.md). */
export const SEVERITY_TEXT_PX = 20;

export function severityColour(severity: number, alpha = 255): Rgba {
	return rgba(SEVERITY_HEX[severityLevel(severity)], alpha);
}

/** Area grows with people affected (radius with the square root), clamped to stay readable. */
export function incidentRadius(peopleAffected: number): number {
	const people = Number.isFinite(peopleAffected) ? Math.max(0, peopleAffected) : 0;
	return Math.min(INCIDENT_RADIUS_MAX_PX, INCIDENT_RADIUS_MIN_PX + 0.6 * Math.sqrt(people));
}

/** Contained incidents are drawn fainter than open ones. */
export function incidentFill(incident: IncidentView): Rgba {
	return severityColour(incident.severity, incident.status === 'contained' ? 150 : 255);
}

export function incidentIcon(incident: IncidentView): string {
	const name = `incident-${incident.type}`;
	return name in ICON_MAPPING ? name : 'incident-other';
}

export function incidentsLayer(rows: readonly IncidentView[], ui: MapUi) {
	const scale = ui.scale ?? 1;
	return new ScatterplotLayer<IncidentView>({
		id: 'incidents',
		data: rows,
		getPosition: (i) => [i.lon, i.lat],
		getFillColor: incidentFill,
		getLineColor: [245, 247, 250, 255],
		getRadius: (i) => incidentRadius(i.affected.people),
		radiusUnits: 'pixels',
		// The size factor is a uniform: a new wall size costs no attribute rebuild.
		radiusScale: scale,
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: px(ui, 2.5),
		updateTriggers: {}
	});
}

/** The type's glyph, dark on the disc, a little smaller than the smallest disc. */
export function incidentGlyphsLayer(rows: readonly IncidentView[], ui: MapUi) {
	return new IconLayer<IncidentView>({
		id: 'incident-glyphs',
		data: rows,
		iconAtlas: ICON_ATLAS,
		iconMapping: ICON_MAPPING,
		getIcon: incidentIcon,
		getPosition: (i) => [i.lon, i.lat],
		getSize: (i) => incidentRadius(i.affected.people) * 1.15,
		sizeUnits: 'pixels',
		sizeScale: ui.scale ?? 1,
		getColor: [10, 16, 28, 235],
		updateTriggers: {}
	});
}

/** The severity number in a dark badge with a ring of its colour, up and right of the disc. */
export function incidentSeverityLayer(rows: readonly IncidentView[], ui: MapUi) {
	return new TextLayer<IncidentView>({
		id: 'incident-severity',
		data: rows,
		getPosition: (i) => [i.lon, i.lat],
		getText: (i) => String(severityLevel(i.severity)),
		getColor: [245, 247, 250, 255],
		getSize: px(ui, SEVERITY_TEXT_PX),
		sizeUnits: 'pixels',
		getPixelOffset: (i) => {
			const r = incidentRadius(i.affected.people) * (ui.scale ?? 1);
			return [r * 0.8, -r * 0.8];
		},
		getTextAnchor: 'middle',
		getAlignmentBaseline: 'center',
		background: true,
		getBackgroundColor: [10, 16, 28, 255],
		getBorderColor: (i) => severityColour(i.severity),
		getBorderWidth: px(ui, 2.5),
		backgroundPadding: [px(ui, 6), px(ui, 1)],
		backgroundBorderRadius: px(ui, 12),
		fontFamily: LABEL_FONT_FAMILY,
		fontWeight: 700,
		characterSet: LABEL_CHARACTER_SET,
		fontSettings: LABEL_FONT_SETTINGS,
		updateTriggers: { getPixelOffset: ui.scale ?? 1 }
	});
}

/** New and not yet acknowledged by an operator: these pulse. */
export function unacknowledged(rows: readonly IncidentView[]): IncidentView[] {
	return rows.filter((i) => i.acknowledged === false);
}
export const unacknowledgedOf = memoByRef(unacknowledged);

/** One pulse lasts this long; the ring grows to PULSE_GROWTH × the disc and fades out. */
export const PULSE_PERIOD_MS = 1600;
export const PULSE_GROWTH = 1.9;

/** 0 → 1 over each period of the wall clock. */
export function pulsePhase(t: number): number {
	const p = (t % PULSE_PERIOD_MS) / PULSE_PERIOD_MS;
	return p < 0 ? p + 1 : p;
}

/**
 * The pulse ring for `rows` (already the unacknowledged ones) at time `t` (ms). Only uniforms
 * change from frame to frame; the attributes are computed once per data change.
 */
export function incidentPulseLayer(rows: readonly IncidentView[], ui: MapUi, t: number) {
	const phase = pulsePhase(t);
	return new ScatterplotLayer<IncidentView>({
		id: 'incident-pulse',
		data: rows,
		getPosition: (i) => [i.lon, i.lat],
		getRadius: (i) => incidentRadius(i.affected.people),
		getLineColor: (i) => severityColour(i.severity),
		radiusUnits: 'pixels',
		radiusScale: (ui.scale ?? 1) * (1 + (PULSE_GROWTH - 1) * phase),
		opacity: 1 - phase,
		filled: false,
		stroked: true,
		lineWidthUnits: 'pixels',
		getLineWidth: px(ui, 4),
		updateTriggers: {}
	});
}
