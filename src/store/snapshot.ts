import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metaFileName, realPathInFolder, reportPath } from '../reports/load.js';

// The snapshot of a built store: each report's prepared data and the corpus index, one file each
// under DATA_DIR/store-cache, named by a hash of everything they were made from. A restart adopts
// them instead of reading the reports again; a changed report, intents or code changes its name,
// so only what changed is rebuilt, and files no build uses any more are removed after the next.

/** Bumped when what a snapshot file holds changes shape without the code's own files changing. */
const FORMAT = 'factbot-store-1';

let code: string | undefined;

/** A hash of the code that builds and reads a store: every source file of this tree, and the Node.js that runs it. */
export function codeVersion(): string {
  if (code) return code;
  const root = fileURLToPath(new URL('..', import.meta.url));
  // The runtime too: its serialization and its Intl may differ between Node versions.
  const h = createHash('sha256').update(`${FORMAT}\n${process.version}\n`);
  const walk = (dir: string, keep: RegExp) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path, keep);
      else if (keep.test(e.name)) h.update(`${path.slice(root.length)}\n`).update(readFileSync(path));
    }
  };
  walk(root, /\.(?:[cm]?js|ts)$/);
  // The libraries extraction and the index use (jieba's dictionary, opencc, the format readers,
  // pinyin), by the lock file's versions and the patches applied to them.
  const project = join(root, '..');
  for (const extra of ['package-lock.json', 'patches']) {
    const path = join(project, extra);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path, /./);
    else h.update(`${extra}\n`).update(readFileSync(path));
  }
  return (code = h.digest('hex'));
}

/** A hash of every file of the intents folder. */
export function folderHash(dir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    try {
      h.update(`${name}\n`).update(readFileSync(path));
    } catch {
      h.update(`${name} unreadable\n`);
    }
  }
  return h.digest('hex');
}

/** The name of a report's snapshot: its bytes, its sidecar metadata, its name and the build's base. */
export async function reportKey(base: string, dir: string, name: string, siblings: readonly string[]): Promise<string> {
  const h = createHash('sha256').update(`${base}\n${name}\n`);
  h.update(readFileSync(await reportPath(dir, name)));
  const sidecar = metaFileName(name);
  if (siblings.includes(sidecar)) {
    try {
      h.update('\nmeta\n').update(readFileSync(await realPathInFolder(dir, sidecar)));
    } catch {
      h.update('\nmeta unreadable\n');
    }
  }
  return h.digest('hex').slice(0, 32);
}

/** The corpus index's name: the reports' in the order they are stitched. */
export function corpusKey(reportKeys: readonly string[]): string {
  return createHash('sha256').update(reportKeys.join('\n')).digest('hex').slice(0, 32);
}

export const reportFile = (cacheDir: string, key: string) => join(cacheDir, `report-${key}.v8`);
export const corpusFile = (cacheDir: string, key: string) => join(cacheDir, `corpus-${key}.v8`);

// Each file starts with the SHA-256 of what follows: a file cut short or damaged is read again
// from its report, never taken for a report.
const CHECK = 32;

/** The file's bytes, or nothing when there is none, or it cannot be read or fails its check. */
export function readSnapshot(path: string): Uint8Array | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const b = readFileSync(path);
    if (b.length <= CHECK) return undefined;
    // Bytes of their own, to be posted without a copy: a small file is read into a shared pool.
    const body = b.byteOffset === 0 && b.buffer.byteLength === b.length ? new Uint8Array(b.buffer, CHECK) : Uint8Array.prototype.slice.call(b, CHECK);
    return createHash('sha256').update(body).digest().equals(b.subarray(0, CHECK)) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside and renamed over, so a reader never sees half a file; a failure only costs the next start a rebuild. */
export function writeSnapshot(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([createHash('sha256').update(bytes).digest(), bytes]));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** Removes, in the background and one at a time, the snapshot files no longer used: those not named in `keep`. */
export async function pruneSnapshots(cacheDir: string, keep: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return;
  }
  for (const name of names) if (/^(?:report|corpus)-[0-9a-f]+\.v8(?:\..*\.tmp)?$/.test(name) && !keep.has(join(cacheDir, name))) await rm(join(cacheDir, name), { force: true });
}
