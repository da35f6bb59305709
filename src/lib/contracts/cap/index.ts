/** CAP 1.2 (OASIS Common Alerting Protocol): the ingest's validator and the EOC's own writer. */
export * from './schema';
export * from './parse';
export * from './geometry';
export * from './build';
export * from './message';
