/**
 * The team's position from the phone's Geolocation, reported at an interval that follows movement
 * and battery (geo.ts `shouldReport`). The last fix also places a status, a report and the
 * distance to the tasked incident.
 */
import { getKv, setKv } from './db';
import { distanceAndBearing, shouldReport } from './geo';
import type { Fix } from './messages';

interface BatteryLike {
	level: number;
	charging: boolean;
}

const LAST_SENT_KEY = 'lastPositionSent';

export type TrackState = 'off' | 'waiting' | 'on' | 'denied' | 'unavailable';

export class Tracker {
	fix = $state<Fix | null>(null);
	state = $state<TrackState>('off');
	#watch: number | null = null;
	#lastSent: Fix | null = null;
	#battery: BatteryLike | null = null;

	constructor(
		/** Called with a fix the policy says to report. */
		private readonly report: (fix: Fix, batteryPct?: number) => void,
		/** Whether the phone reaches the EOC now (positions are rarer while it does not). */
		private readonly online: () => boolean = () => true
	) {}

	async start(): Promise<void> {
		if (this.#watch !== null) return;
		// The last position reported survives a restart, so reopening the app does not report again
		// before the interval says so.
		this.#lastSent = (await getKv<Fix>(LAST_SENT_KEY)) ?? null;
		if (!('geolocation' in navigator)) {
			this.state = 'unavailable';
			return;
		}
		const getBattery = (navigator as { getBattery?: () => Promise<BatteryLike> }).getBattery;
		this.#battery = getBattery ? await getBattery.call(navigator).catch(() => null) : null;
		this.state = 'waiting';
		this.#watch = navigator.geolocation.watchPosition(
			(p) => this.#onFix(p),
			(err) => {
				this.state = err.code === err.PERMISSION_DENIED ? 'denied' : 'waiting';
			},
			{ enableHighAccuracy: true, maximumAge: 10_000, timeout: 60_000 }
		);
	}

	stop(): void {
		if (this.#watch !== null) navigator.geolocation.clearWatch(this.#watch);
		this.#watch = null;
		this.state = 'off';
	}

	/** Reports the last fix now, whatever the interval says (the team pressed "send position"). */
	sendNow(): boolean {
		if (!this.fix) return false;
		this.#sent({ ...this.fix, at: Date.now() });
		return true;
	}

	#onFix(p: GeolocationPosition): void {
		const c = p.coords;
		const fix: Fix = {
			lat: c.latitude,
			lon: c.longitude,
			accuracyM: c.accuracy,
			speedMps: c.speed ?? undefined,
			headingDeg: c.heading ?? undefined,
			altitudeM: c.altitude ?? undefined,
			at: p.timestamp || Date.now()
		};
		this.fix = fix;
		this.state = 'on';
		const last = this.#lastSent;
		const battery = this.#battery;
		const report = shouldReport({
			sinceLastS: last ? (fix.at - last.at) / 1000 : Infinity,
			movedM: last ? distanceAndBearing(last, fix).metres : Infinity,
			speedMps: fix.speedMps,
			batteryPct: battery ? battery.level * 100 : undefined,
			charging: battery?.charging,
			offline: !this.online()
		});
		if (report) this.#sent(fix);
	}

	#sent(fix: Fix): void {
		this.#lastSent = fix;
		void setKv(LAST_SENT_KEY, fix);
		this.report(fix, this.#battery ? this.#battery.level * 100 : undefined);
	}
}
