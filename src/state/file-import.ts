import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PushRecord, ReloadRecord, Subscription } from './state.js';

// Before state.db, state lived in JSON files under DATA_DIR (FileState, until issue 14): state.json,
// seen-messages.json and the journals of ids claimed since that snapshot. The first open of
// state.db imports them in one transaction and renames them *.migrated, so it happens once.

/** The old files, in the order their seen ids were written (a later one wins). */
export const OLD_FILES = ['state.json', 'seen-messages.json', 'seen-messages.journal.old', 'seen-messages.journal'] as const;

interface OldPushMark {
  status: 'claimed' | 'sending' | 'sent' | 'unknown';
  owner: string;
  until: number;
  factKey?: string;
  sendingAt?: number;
}

interface OldState {
  subscriptions?: Subscription[];
  /** `${day}|${target}` → mark. */
  pushes?: Record<string, OldPushMark>;
  /** Newest first. */
  history?: PushRecord[];
  seenFacts?: Record<string, string[]>;
  /** Newest first. */
  reloads?: ReloadRecord[];
}

export interface ImportCounts {
  files: string[];
  seen: number;
  subscriptions: number;
  pushes: number;
}

/**
 * Imports the old files found in `dir` into `db` and renames them aside; what it imported, or
 * undefined when there was nothing to import. Nothing is imported twice: a crash after the commit
 * and before the renames leaves the `imported` mark, and the next open only renames. A file it
 * cannot read stops the open with its path; nothing is imported or renamed then.
 */
export function importOldFiles(db: Database, dir: string, now: number): ImportCounts | undefined {
  const present = OLD_FILES.filter((f) => existsSync(join(dir, f)));
  if (!present.length) return undefined;
  // Checked and imported under the write lock: of two processes opening at once, one imports.
  const counts = db.transaction((): ImportCounts | undefined => {
    if (db.prepare(`SELECT value FROM meta WHERE key = 'imported'`).get() !== undefined) return undefined;
    const old = readJson<OldState>(join(dir, 'state.json')) ?? {};
    const seen = new Map<string, number>();
    for (const [id, until] of Object.entries(readJson<Record<string, number>>(join(dir, 'seen-messages.json')) ?? {})) seen.set(id, until);
    for (const name of ['seen-messages.journal.old', 'seen-messages.journal']) for (const [id, until] of readJournal(join(dir, name))) seen.set(id, until);
    const c: ImportCounts = { files: present, seen: 0, subscriptions: old.subscriptions?.length ?? 0, pushes: 0 };
    const addSeen = db.prepare('INSERT INTO seen (id, until) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET until = max(until, excluded.until)');
    for (const [id, until] of seen) {
      if (until <= now) continue;
      addSeen.run(id, until);
      c.seen++;
    }
    const addSub = db.prepare('INSERT INTO subscriptions (target, json) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET json = excluded.json');
    for (const s of old.subscriptions ?? []) addSub.run(s.target, JSON.stringify(s));
    const addPush = db.prepare('INSERT OR REPLACE INTO pushes (day, target, status, owner, until, fact_key, sending_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const [key, m] of Object.entries(old.pushes ?? {})) {
      const bar = key.indexOf('|');
      if (bar < 0) continue;
      addPush.run(key.slice(0, bar), key.slice(bar + 1), m.status, m.owner ?? '', m.until, m.factKey ?? null, m.sendingAt ?? null);
      c.pushes++;
    }
    // Oldest first, so the newest gets the highest sequence number as it would have.
    const addHistory = db.prepare('INSERT INTO push_history (json) VALUES (?)');
    for (const r of [...(old.history ?? [])].reverse()) addHistory.run(JSON.stringify(r));
    const addReload = db.prepare('INSERT INTO reloads (json) VALUES (?)');
    for (const r of [...(old.reloads ?? [])].reverse()) addReload.run(JSON.stringify(r));
    const addFact = db.prepare('INSERT OR IGNORE INTO seen_facts (target, fact_key) VALUES (?, ?)');
    for (const [target, keys] of Object.entries(old.seenFacts ?? {})) for (const k of keys) addFact.run(target, k);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('imported', ?)`).run(JSON.stringify({ at: new Date(now).toISOString(), files: present }));
    return c;
  }).immediate();
  for (const f of present) {
    try {
      renameSync(join(dir, f), join(dir, `${f}.migrated`));
    } catch (err) {
      // Renamed already by another process opening at the same moment.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return counts;
}

function readJson<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${path} is not readable state (${(err as Error).message}), so it cannot be moved into state.db; repair it, or move it aside to start without it`);
  }
}

/** A journal's claims, one `"id"\tuntil` a line; a line cut short by a crash is skipped. */
function readJournal(path: string): [string, number][] {
  if (!existsSync(path)) return [];
  const out: [string, number][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    try {
      const id = JSON.parse(line.slice(0, tab)) as unknown;
      const until = Number(line.slice(tab + 1));
      if (typeof id === 'string' && Number.isFinite(until)) out.push([id, until]);
    } catch {
      // cut short
    }
  }
  return out;
}
