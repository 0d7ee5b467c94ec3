import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The summary line CI reads, from real vitest runs of the files in test/fixtures/reporter/.
const run = (files: string[]) =>
  spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fixtures/reporter/vitest.config.ts', ...files], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', CI: '' },
  });

describe('the summary line says failed whenever the run fails', () => {
  it.each([
    { files: ['passing'], line: '2 passed, 0 failed, 0 skipped', status: 0, why: [] },
    { files: ['failing-test'], line: 'FAILED: 1 passed, 1 failed, 0 skipped', status: 1, why: [] },
    // The case of a missing redis-server: a beforeAll throws and every test is skipped.
    { files: ['hook-fails'], line: 'FAILED: 0 passed, 1 failed, 3 skipped', status: 1, why: ['hook-fails.fixture.ts > needs a server: redis-server is not installed'] },
    { files: ['import-fails', 'passing'], line: 'FAILED: 2 passed, 1 failed, 0 skipped', status: 1, why: ['import-fails.fixture.ts: cannot load this file'] },
  ])('$files → $line', ({ files, line, status, why }) => {
    const r = run(files);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1), r.stdout + r.stderr).toBe(line);
    expect(r.status).toBe(status);
    for (const w of why) expect(r.stdout).toContain(w);
  });
});
