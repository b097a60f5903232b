// The benchmark's receiver, in a process of its own so that it does not share a CPU core's event loop
// with what is measured. Answers 200 at once; reports over IPC when each webhook-id first arrived.
import { createServer } from 'node:http';

let arrivals = new Map();
let count = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    count++;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, Date.now());
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: server.address().port }));
process.on('message', (message) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', count, unique: arrivals.size });
  if (message.type === 'arrivals') process.send?.({ type: 'arrivals', arrivals: [...arrivals] });
  if (message.type === 'reset') {
    arrivals = new Map();
    count = 0;
    process.send?.({ type: 'reset' });
  }
});
