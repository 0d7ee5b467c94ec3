import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileState } from '../../src/state/file-state.js';

/** A fresh data directory for one test's state. */
export function tempDir(prefix = 'factbot-state-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempState(dir = tempDir()): Promise<FileState> {
  return FileState.open(dir);
}
