/** The MQTT v1 contract (docs/design.md "The MQTT interface", docs/mqtt.asyncapi.yaml). */
export * from './common';
export * from './teams';
export * from './incidents';
export * from './photo';
export * from './sensors';
export * from './hazards';
export * from './exercises';
export * from './resources';
export * from './topics';
export * from './parse';
export * from './decode';
export * from './adapters';
export * from './cap';
