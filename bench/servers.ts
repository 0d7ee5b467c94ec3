// Child processes for the webhook benchmark, so load generator and servers do not share a thread:
//   tsx bench/servers.ts fake-feishu   → a fake Feishu API; prints its URL
//   tsx bench/servers.ts bare PORT     → a bare express handler: the ceiling
import express from 'express';
import { FakeFeishu } from '../test/helpers/fake-feishu.js';

const [kind, port] = process.argv.slice(2);
if (kind === 'fake-feishu') {
  const fake = new FakeFeishu();
  process.stdout.write(`${await fake.start()}\n`);
} else if (kind === 'bare') {
  const app = express();
  app.post('/feishu/events', express.raw({ type: () => true, limit: 65536 }), (_req, res) => {
    res.json({});
  });
  app.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
} else {
  process.stderr.write('usage: tsx bench/servers.ts fake-feishu | bare PORT\n');
  process.exit(2);
}
