export * from './schema/teams';
export * from './schema/incidents';
export * from './schema/sensors';
export * from './schema/hazards';
export * from './schema/exercises';
export * from './schema/ingest';
export * from './schema/log';
export * from './schema/reference';
