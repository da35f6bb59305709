// The embedded broker alone in its own process, so a test can SIGKILL the app (ingest + PGlite)
// while the broker keeps the ingest's persistent session and queues for it, as Mosquitto would.
// Usage: node --import tsx tests/helpers/broker-process.ts <port>
import pino from 'pino';
import { startEmbeddedBroker } from '../../src/lib/server/broker/embedded';

const port = Number(process.argv[2]);
const broker = await startEmbeddedBroker({
	host: '127.0.0.1',
	port,
	wsPort: null,
	log: pino({ level: 'warn' })
});
console.log(`broker ready on ${broker.port}`);
process.on('SIGTERM', () => broker.close().then(() => process.exit(0)));
