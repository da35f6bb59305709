/** What pairing a phone needs, named in the message that says it is unavailable. */
export const PAIRING_NEEDS = { setting: 'MQTT_DEVICE_AUTH=on', doc: 'docs/deploy.md' };
