// The benchmark's receiver, in a process of its own so that it does not share a CPU core's event loop
// with what is measured. Answers 200 at once; reports over IPC when each webhook-id first arrived, and
// how many requests repeated a webhook-id it had already answered (every answer is a 200, so any
// repeat is a delivery sent twice).
import { createServer } from 'node:http';

let arrivals = new Map();
let count = 0;
// Milliseconds since the epoch with a fraction: comparable with the engine processes' stamps.
const stamp = () => performance.timeOrigin + performance.now();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    count++;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, stamp());
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: server.address().port }));
process.on('message', (message) => {
  if (message.type === 'stats')
    process.send?.({
      type: 'stats',
      count,
      unique: arrivals.size,
      duplicates: count - arrivals.size,
    });
  if (message.type === 'arrivals') process.send?.({ type: 'arrivals', arrivals: [...arrivals] });
  if (message.type === 'reset') {
    arrivals = new Map();
    count = 0;
    process.send?.({ type: 'reset' });
  }
});
