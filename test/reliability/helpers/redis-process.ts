import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export { freePort } from '../../helpers/redis.js';
import { freePort } from '../../helpers/redis.js';

export interface RedisProcess {
  port: number;
  url: string;
  /** SIGKILL: Redis dies as in a crash or an OOM kill, without saving. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server on a given loopback port, like test/helpers/redis.ts but restartable on the same
 * port. With `dir` it keeps an append-only file there, fsynced on every write, so a new server
 * started on the same dir finds the data (a production Redis with persistence); without, a new
 * server starts empty (a cache-only Redis, or one that lost its volume).
 */
export async function startRedisOn(port: number, opts: { dir?: string } = {}): Promise<RedisProcess> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error('redis-server is not installed: apt-get install redis-server');
  const persistence = opts.dir ? ['--dir', opts.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''] : ['--save', '', '--appendonly', 'no'];
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...persistence], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`));
    });
  });
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { port, url: `redis://127.0.0.1:${port}`, kill: end('SIGKILL'), stop: end('SIGTERM') };
}
