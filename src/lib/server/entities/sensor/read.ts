/** The sensor's reads: its view for one picture and the series of its readings. */
import {
	SERIES_BUCKET_MS,
	SERIES_WINDOW_MS,
	type SensorView,
	type SeriesPoint
} from '$lib/live/types';
import type { Queryable } from '../../db/types';
import { inScope, REAL, type Scope } from '../../exercises/scope';
import { jsonGrouped, jsonList } from '../json';
import { sensorView } from './view';

/** The sensors of one picture (the real one unless asked), by id. */
export const readSensors = (q: Queryable, scope: Scope = REAL) =>
	jsonList<SensorView>(
		q,
		`select ${sensorView.sql()} as v from sensor s where ${inScope('s.exercise', 1)} order by s.id`,
		[scope]
	);

/** The last 6 hours of every sensor, the maximum per 5-minute bucket (thresholds are maxima). */
export const readSeries = (q: Queryable, scope: Scope = REAL) =>
	jsonGrouped<SeriesPoint>(
		q,
		`select sensor_id as k, json_agg(json_build_array(b, v) order by b) as v
		from (select sensor_id,
				(floor(extract(epoch from ts) * 1000 / ${SERIES_BUCKET_MS}) * ${SERIES_BUCKET_MS})::bigint as b,
				max(value) as v
			from sensor_reading where ts > now() - make_interval(secs => ${SERIES_WINDOW_MS / 1000})
			and ${inScope('exercise', 1)}
			group by 1, 2) r
		group by sensor_id`,
		[scope]
	);
