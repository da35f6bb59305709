/**
 * Where the tasked incident is from the team, and how often to report the team's position.
 * Great-circle distance and bearing come from turf.
 */
import bearing from '@turf/bearing';
import distance from '@turf/distance';

export interface LatLon {
	lat: number;
	lon: number;
}

/** Metres and degrees (0-359, clockwise from north) from `from` to `to`. */
export function distanceAndBearing(from: LatLon, to: LatLon): { metres: number; degrees: number } {
	const a = [from.lon, from.lat];
	const b = [to.lon, to.lat];
	const metres = distance(a, b, { units: 'meters' });
	const degrees = (Math.round(bearing(a, b)) + 360) % 360;
	return { metres, degrees };
}

export const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof COMPASS)[number];

export function compassPoint(degrees: number): CompassPoint {
	return COMPASS[Math.round((((degrees % 360) + 360) % 360) / 45) % 8];
}

/** Seconds between position reports while moving, standing still, and the longest gap. */
export const MOVING_S = 30;
export const STILL_S = 120;
/** A move that is reported at once (at most every MIN_GAP_S). */
export const JUMP_M = 150;
export const MIN_GAP_S = 10;
/** Below this battery share (and not charging) every interval is tripled. */
export const LOW_BATTERY_PCT = 20;
/**
 * With no link to the EOC every interval is five times longer: positions made offline wait in the
 * queue, in front of whatever the team sends next (an Emergency among them), so a day offline
 * queues a few hundred, not thousands.
 */
export const OFFLINE_SLOWER = 5;

export interface PositionPolicyInput {
	/** Seconds since the last position was queued (Infinity: never). */
	sinceLastS: number;
	/** Metres from the last queued position (Infinity: none). */
	movedM: number;
	speedMps?: number;
	batteryPct?: number;
	charging?: boolean;
	/** The phone cannot reach the EOC now. */
	offline?: boolean;
}

/**
 * Whether to report the position now: on a big move (not more often than MIN_GAP_S), else every
 * MOVING_S when moving and STILL_S when still; all three slower on a low battery, and slower
 * again while offline.
 */
export function shouldReport(p: PositionPolicyInput): boolean {
	const slow =
		(p.batteryPct !== undefined && p.batteryPct < LOW_BATTERY_PCT && p.charging !== true ? 3 : 1) *
		(p.offline ? OFFLINE_SLOWER : 1);
	if (p.sinceLastS < MIN_GAP_S * slow) return false;
	if (p.movedM >= JUMP_M) return true;
	const moving = (p.speedMps ?? 0) >= 1 || p.movedM >= 30;
	return p.sinceLastS >= (moving ? MOVING_S : STILL_S) * slow;
}
