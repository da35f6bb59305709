// The null subscriber, in its own process like the app, so that the bench process does the same
// work (publishing) in both throughput runs: a plain mqtt.js client subscribed at QoS 1 to what
// the ingest subscribes to, counting messages and doing nothing else.
// Usage (bench/mqtt.ts starts it): node --import tsx bench/null-subscriber.ts <broker url>
// IPC: parent → { expect: n } resets the count; child → { count, lastAt } (lastAt in epoch ms,
// sub-millisecond, comparable across processes), every 100 ms and when the count reaches n.
import mqtt from 'mqtt';
import { INGEST_FILTER } from '../src/lib/contracts';

const now = () => performance.timeOrigin + performance.now();
const send = (m: object) => process.send?.(m);

const client = mqtt.connect(process.argv[2], {
	clientId: `bench-null-${process.pid}`,
	clean: true,
	reconnectPeriod: 0,
	connectTimeout: 10_000
});
let count = 0;
let lastAt = 0;
let expect = Infinity;

client.on('message', () => {
	count++;
	lastAt = now();
	if (count === expect) send({ count, lastAt });
});
client.on('error', (err) => {
	console.error(`null subscriber: ${err.message}`);
	process.exit(1);
});
client.on('connect', () => {
	client.subscribe(INGEST_FILTER, { qos: 1 }, (err) => {
		if (err) {
			console.error(`null subscriber: subscribe failed: ${err.message}`);
			process.exit(1);
		}
		send({ ready: true });
	});
});
process.on('message', (m: { expect?: number }) => {
	if (m.expect === undefined) return;
	count = 0;
	lastAt = 0;
	expect = m.expect;
	send({ reset: true });
});
setInterval(() => send({ count, lastAt }), 100);
// The parent going away (even killed) closes the IPC channel: go with it.
process.on('disconnect', () => client.end(true, {}, () => process.exit(0)));
