import type { Database } from 'better-sqlite3';

/** The layout of DATA_DIR/state.db; raise it with a step in `migrate` below when it changes. */
export const SCHEMA_VERSION = 1;

const V1 = `
-- A message id claimed until \`until\` (ms since the epoch); expired rows are swept by the index.
CREATE TABLE seen (id TEXT PRIMARY KEY, until INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX seen_until ON seen (until);
-- rowid keeps the order groups subscribed in; an update keeps its place.
CREATE TABLE subscriptions (target TEXT PRIMARY KEY, json TEXT NOT NULL);
-- A day's push to a target: claimed or sending under a lease (until), sent, or unknown (cut off).
CREATE TABLE pushes (
  day TEXT NOT NULL, target TEXT NOT NULL, status TEXT NOT NULL, owner TEXT NOT NULL,
  until INTEGER NOT NULL, fact_key TEXT, sending_at INTEGER,
  PRIMARY KEY (day, target)
) WITHOUT ROWID;
CREATE TABLE push_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);
CREATE TABLE seen_facts (target TEXT NOT NULL, fact_key TEXT NOT NULL, PRIMARY KEY (target, fact_key)) WITHOUT ROWID;
CREATE TABLE reloads (seq INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);
-- A lock held by one process until its token is deleted or \`until\` passes (a holder that died).
CREATE TABLE locks (name TEXT PRIMARY KEY, token TEXT NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/** Creates the tables of a new file, or checks an existing one is a layout this code knows. */
export function migrate(db: Database, path: string): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`${path} was written by a newer factbot (schema ${version}, this one knows ${SCHEMA_VERSION}); run that version, or point DATA_DIR elsewhere`);
    }
    if (version === 0) {
      db.exec(V1);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  }).immediate();
}
