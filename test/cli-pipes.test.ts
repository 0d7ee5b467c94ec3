import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/state.js';

// Issue 13, item 9: every command stops quietly when the reader of its output goes away
// (`npm run --silent facts -- --json | head -1`), and `facts --doc` that names no report says so.

/**
 * Runs a CLI whose standard output is a pipe nobody reads: the read end is closed at once, so its
 * first write fails with EPIPE, as it does after `head -1` has its line.
 */
function withClosedOutput(args: string[], input?: string): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Few reports, so that the commands start quickly side by side.
      env: { ...process.env, DATA_DIR: tempDir(), SEEDS_DIR: 'test/fixtures/mini', LOG_LEVEL: 'warn' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr });
    });
  });
}

// Each command once: the helper is installed per entry point.
describe.concurrent('a closed pipe ends a command quietly', { timeout: 120_000 }, () => {
  it.each([
    { name: 'facts --json', args: ['src/cli/facts.ts', '--json'] },
    { name: 'ask --json', args: ['src/cli/ask.ts', '--json'], input: '卫生总资产\n实际开放床位多少张\n' },
    { name: 'chat', args: ['src/cli/chat.ts'], input: '卫生总资产\n/quit\n' },
    { name: 'push --dry-run', args: ['src/cli/push.ts', '--dry-run'] },
    { name: 'add-report --help', args: ['src/cli/add-report.ts', '--help'] },
  ])('$name: exit 0, nothing on standard error', async ({ args, input }) => {
    const r = await withClosedOutput(args, input);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  });
});

describe('facts --doc', () => {
  const facts = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/facts.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it.each([
    { doc: '999', status: 1, stderr: [`no report's file name starts with "999"`, 'the 5 reports', '000_40ca54400f45fed3.txt', '《护佑人民健康'], stdout: '' },
    { doc: 'zz', status: 1, stderr: [`no report's file name starts with "zz"`, '004_88b8b5c2e6747ca6.txt'], stdout: '' },
    { doc: '003', status: 0, stderr: [], stdout: 'facts from 5 reports' },
  ])('--doc $doc: exit $status', ({ doc, status, stderr, stdout }) => {
    const r = facts('--doc', doc);
    expect(r.status, r.stderr).toBe(status);
    for (const s of stderr) expect(r.stderr).toContain(s);
    if (stdout) expect(r.stdout).toContain(stdout);
    else expect(r.stdout).toBe('');
    if (status) expect(r.stdout).not.toMatch(/\d+ of \d+ facts/);
  });
});
