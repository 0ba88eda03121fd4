// The floor for the live-audit benchmark: the least a tool can do to audit an
// engine — list every container and inspect each one — with the same transport
// choices harden makes (keep-alive, 16 inspects in flight), and nothing else.
import http from 'node:http';

const socketPath = process.argv[2];
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
  });
}

const version = await get('/version');
const list = await get(`/v${version.ApiVersion}/containers/json?all=1`);
const inspected = new Array(list.length);
let next = 0;
async function worker() {
  while (next < list.length) {
    const i = next++;
    inspected[i] = await get(`/v${version.ApiVersion}/containers/${list[i].Id}/json`);
  }
}
await Promise.all(Array.from({ length: 16 }, worker));
process.stdout.write(`${inspected.length}\n`);
agent.destroy();
