// Child processes for the webhook benchmark, so load generator and servers do not share a thread:
//   tsx bench/servers.ts fake-feishu            → a fake Feishu API; prints its URL, then answers
//                                                 each "count" line on stdin with the replies it took
//   tsx bench/servers.ts bare PORT              → a bare express handler: the ceiling
//   tsx bench/servers.ts bare-call PORT FEISHU  → bare express that makes one keep-alive call to the
//                                                 fake Feishu API per request: the realistic floor
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import express from 'express';
import { FakeFeishu } from '../test/helpers/fake-feishu.js';

const [kind, port, feishu] = process.argv.slice(2);
// Exit on SIGTERM through process.exit, so a --cpu-prof profile is written.
process.once('SIGTERM', () => process.exit(0));
if (kind === 'fake-feishu') {
  const fake = new FakeFeishu();
  process.stdout.write(`${await fake.start()}\n`);
  // The bench counts answers actually sent, not acknowledgements: it asks before and after a run.
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'count') process.stdout.write(`${fake.sends.length}\n`);
  });
} else if (kind === 'bare' || kind === 'bare-call') {
  const app = express();
  const call = kind === 'bare-call' ? replyCall(feishu!) : undefined;
  app.post('/feishu/events', express.raw({ type: () => true, limit: 65536 }), (_req, res) => {
    if (!call) return void res.json({});
    call().then(
      () => res.json({}),
      (err: unknown) => res.status(502).json({ error: String(err) }),
    );
  });
  app.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
} else {
  process.stderr.write('usage: tsx bench/servers.ts fake-feishu | bare PORT | bare-call PORT FEISHU_URL\n');
  process.exit(2);
}

/** One reply as the bot sends it (a card of a typical size), over a keep-alive connection, read to the end. */
function replyCall(base: string): () => Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL('/open-apis/im/v1/messages/om_bench/reply', base);
  const card = { schema: '2.0', header: { title: { tag: 'plain_text', content: '实际开放床位' } }, body: { elements: [{ tag: 'markdown', content: '**25970张** 实际开放床位(枣庄市,截至2021年底)\n'.repeat(12) }] } };
  const body = JSON.stringify({ msg_type: 'interactive', content: JSON.stringify(card), uuid: 'reply-om_bench' });
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer t-fake-token' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: number };
          if (res.statusCode === 200 && data.code === 0) resolve();
          else reject(new Error(`HTTP ${res.statusCode}, code ${data.code}`));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}
