import { z } from 'zod';

/**
 * An alarm rule as an admin writes it (form or JSON): one schema per kind of test, each with its
 * own settings. A rule that does not parse is refused with the zod issue naming the field.
 */
const minutes = (max: number) => z.number().int().min(1).max(max);

export const ALARM_LEVELS = ['warning', 'danger'] as const;
export type AlarmLevel = (typeof ALARM_LEVELS)[number];

export const ruleParams = {
	/** A gauge at or above its warning or danger line (or a fixed value); clears only below it
	 *  minus `hysteresis` (in the gauge's unit). `sensor` null: every gauge. */
	gauge_level: z.strictObject({
		sensor: z.string().min(1).max(64).nullable().default(null),
		threshold: z.union([z.enum(['warning', 'danger']), z.number().finite()]),
		hysteresis: z.number().finite().min(0).default(0)
	}),
	/** A gauge rising faster than `risePerHour` (gauge units per hour) over the last window. */
	gauge_rate: z.strictObject({
		sensor: z.string().min(1).max(64).nullable().default(null),
		risePerHour: z.number().finite().positive(),
		windowMinutes: minutes(360).default(30)
	}),
	/** A team with no position or status for longer than `afterMinutes`. */
	team_silent: z.strictObject({ afterMinutes: minutes(1440) }),
	/** A team whose latest status carries `emergency: true`. */
	team_emergency: z.strictObject({}),
	/** An open incident of severity >= `minSeverity` with no team assigned after `afterMinutes`. */
	incident_unassigned: z.strictObject({
		minSeverity: z.number().int().min(1).max(5),
		afterMinutes: minutes(1440)
	}),
	/** A hazard extent within `bufferM` metres of a shelter, a school or a named place. */
	hazard_reaches: z.strictObject({
		targets: z
			.array(z.enum(['shelter', 'school', 'place']))
			.min(1)
			.max(3),
		bufferM: z.number().finite().min(0).max(10_000).default(0)
	}),
	/** A field report waiting for an operator longer than `afterMinutes`. */
	report_waiting: z.strictObject({ afterMinutes: minutes(1440) }),
	/**
	 * A supply in a store below the minimum the EOC keeps there (the stock's `minimum`; none set:
	 * never). Clears at or above it. `resourceKind` null: every supply; `store` null: every store.
	 */
	stock_below: z.strictObject({
		resourceKind: z.string().min(1).max(64).nullable().default(null),
		store: z.string().min(1).max(64).nullable().default(null)
	})
} as const;

export type RuleKind = keyof typeof ruleParams;
export const RULE_KINDS = Object.keys(ruleParams) as RuleKind[];

const common = {
	name: z.string().trim().min(1).max(80),
	level: z.enum(ALARM_LEVELS),
	enabled: z.boolean().default(true),
	/** Shown as escalated when nobody acknowledged it within this many seconds; null: never. */
	escalateAfterS: z.number().int().min(30).max(86_400).nullable().default(null)
};

export const alarmRuleSchema = z.discriminatedUnion('kind', [
	z.strictObject({ ...common, kind: z.literal('gauge_level'), params: ruleParams.gauge_level }),
	z.strictObject({ ...common, kind: z.literal('gauge_rate'), params: ruleParams.gauge_rate }),
	z.strictObject({ ...common, kind: z.literal('team_silent'), params: ruleParams.team_silent }),
	z.strictObject({
		...common,
		kind: z.literal('team_emergency'),
		params: ruleParams.team_emergency.default({})
	}),
	z.strictObject({
		...common,
		kind: z.literal('incident_unassigned'),
		params: ruleParams.incident_unassigned
	}),
	z.strictObject({
		...common,
		kind: z.literal('hazard_reaches'),
		params: ruleParams.hazard_reaches
	}),
	z.strictObject({
		...common,
		kind: z.literal('report_waiting'),
		params: ruleParams.report_waiting
	}),
	z.strictObject({
		...common,
		kind: z.literal('stock_below'),
		params: ruleParams.stock_below.default({ resourceKind: null, store: null })
	})
]);
export type AlarmRuleInput = z.input<typeof alarmRuleSchema>;
export type AlarmRuleSpec = z.output<typeof alarmRuleSchema>;
