/** The words of alarms and their rules, in the screen's language (messages/*.json). */
import type { RuleKind } from '$lib/contracts/alarm-rule';
import { m } from '$lib/paraglide/messages';

export const ALARM_KIND_WORD: Record<RuleKind, () => string> = {
	gauge_level: m.alarm_kind_gauge_level,
	gauge_rate: m.alarm_kind_gauge_rate,
	team_silent: m.alarm_kind_team_silent,
	team_emergency: m.alarm_kind_team_emergency,
	incident_unassigned: m.alarm_kind_incident_unassigned,
	hazard_reaches: m.alarm_kind_hazard_reaches,
	report_waiting: m.alarm_kind_report_waiting,
	stock_below: m.resdrill_alarm_kind_stock_below
};

/** A rule kind's word; an unknown kind (a newer server) as it is. */
export function alarmKindWord(kind: string): string {
	return kind in ALARM_KIND_WORD ? ALARM_KIND_WORD[kind as RuleKind]() : kind;
}

export const ALARM_LEVEL_WORD: Record<string, () => string> = {
	danger: m.alarm_level_danger,
	warning: m.alarm_level_warning
};

export const PARAM_WORD: Record<string, () => string> = {
	sensor: m.alarm_param_sensor,
	threshold: m.alarm_param_threshold,
	hysteresis: m.alarm_param_hysteresis,
	risePerHour: m.alarm_param_risePerHour,
	windowMinutes: m.alarm_param_windowMinutes,
	afterMinutes: m.alarm_param_afterMinutes,
	minSeverity: m.alarm_param_minSeverity,
	targets: m.alarm_param_targets,
	bufferM: m.alarm_param_bufferM,
	resourceKind: m.resdrill_param_resource_kind,
	store: m.resdrill_param_store
};

export const TARGET_WORD: Record<string, () => string> = {
	shelter: m.alarm_target_shelter,
	school: m.alarm_target_school,
	place: m.alarm_target_place
};
