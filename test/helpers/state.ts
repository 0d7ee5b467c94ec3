import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteState } from '../../src/state/sqlite-state.js';

/** A fresh data directory for one test's state. */
export function tempDir(prefix = 'factbot-state-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempState(dir = tempDir()): Promise<SqliteState> {
  return SqliteState.open(dir);
}
