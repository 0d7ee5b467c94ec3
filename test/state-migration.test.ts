import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteState } from '../src/state/sqlite-state.js';
import { tempDir } from './helpers/state.js';

// test/fixtures/file-state-v1/ holds a DATA_DIR as the old FileState (src/state/file-state.ts, before
// issue 14) wrote it, by that code, with its clock at 2026-11-22T01:00Z: state.json (subscriptions, a
// sent push, a send cut off, history, seen facts, reloads), seen-messages.json, the journal of a
// process killed before its snapshot (moved to seen-messages.journal.old, as a compaction cut short
// leaves it) and the journal of the next one, ending in a line cut short.
const FIXTURE = 'test/fixtures/file-state-v1';
const OLD = ['seen-messages.journal', 'seen-messages.journal.old', 'seen-messages.json', 'state.json'];
/** An hour after the old files were written: ids claimed for 30 minutes have expired, those for 24 h not. */
const NOW = Date.parse('2026-11-22T02:00:00Z');

function oldDataDir(): string {
  const dir = tempDir('factbot-migrate-');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('the first open of state.db imports the old DATA_DIR files', () => {
  it('imports everything once, in one go, and renames the old files *.migrated', async () => {
    const dir = oldDataDir();
    const imported: unknown[] = [];
    const s = await SqliteState.open(dir, { now: () => NOW, onImport: (c) => imported.push(c) });
    expect(imported).toEqual([{ files: ['state.json', 'seen-messages.json', 'seen-messages.journal.old', 'seen-messages.journal'], seen: 3, subscriptions: 2, pushes: 2 }]);

    expect(await s.subscriptions()).toEqual([
      { target: 'feishu:oc_a', topic: '床位', addedAt: '2026-11-03T00:00:00.000Z', addedBy: 'feishu:ou_admin', source: 'chat' },
      { target: 'wecom-hook:robot-key-0001', region: '淄博市', addedAt: '2026-11-02T00:00:00.000Z', source: 'chat' },
    ]);
    // Seen ids from the snapshot and both journals; the expired and the line cut short are not.
    for (const id of ['feishu:om_snap_live', 'feishu:om_old_journal_live', 'wecom:msg_journal_live']) expect(await s.firstSighting(id, 60_000), id).toBe(false);
    for (const id of ['feishu:om_snap_expired', 'feishu:om_old_journal_expired', 'wecom:msg_cut_sh']) expect(await s.firstSighting(id, 60_000), id).toBe(true);
    // The sent push stays sent; the send cut off is found as FileState would have found it.
    expect(await s.pushDone('feishu:oc_a', '2026-11-21')).toBe(true);
    expect(await s.claimPush('feishu:oc_a', '2026-11-21', 'new', 60_000)).toEqual({ ok: false, why: 'sent' });
    expect(await s.claimPush('wecom-hook:robot-key-0001', '2026-11-22', 'new', 60_000)).toEqual({ ok: false, why: 'unknown', factKey: 'b.txt|140.05亿元|卫生总资产', found: true });
    expect((await s.pushHistory()).map((r) => r.factKey)).toEqual(['f2', 'f1', 'f0']);
    expect(await s.seenFacts('feishu:oc_a')).toEqual(new Set(['f0', 'f1']));
    expect((await s.reloads()).map((r) => r.summary)).toEqual(['second', 'first']);
    await s.close();

    const files = readdirSync(dir);
    for (const f of OLD) {
      expect(files).not.toContain(f);
      expect(files).toContain(`${f}.migrated`);
    }
    // Opened again: nothing to import, and what changed since is kept.
    const again = await SqliteState.open(dir, { now: () => NOW, onImport: (c) => imported.push(c) });
    expect(imported).toHaveLength(1);
    expect(await again.firstSighting('feishu:om_snap_expired', 60_000)).toBe(false);
    await again.close();
  });

  it('a crash between the import and the renames imports nothing twice', async () => {
    const dir = oldDataDir();
    await (await SqliteState.open(dir, { now: () => NOW })).close();
    // As if the renames had not happened: the old files are back beside an imported state.db.
    for (const f of OLD) cpSync(join(FIXTURE, f), join(dir, f));
    const s = await SqliteState.open(dir, { now: () => NOW, onImport: () => expect.fail('imported twice') });
    expect(await s.pushHistory()).toHaveLength(3);
    await s.close();
    for (const f of OLD) expect(existsSync(join(dir, f))).toBe(false);
  });

  it('an old file it cannot read stops the open, naming the file and DATA_DIR; nothing is imported or renamed', async () => {
    const dir = oldDataDir();
    writeFileSync(join(dir, 'state.json'), '{"subscriptions": [');
    await expect(SqliteState.open(dir, { now: () => NOW })).rejects.toThrow(/^DATA_DIR: .*state\.json is not readable state .*move it aside/);
    for (const f of OLD) expect(existsSync(join(dir, f))).toBe(true);
    const db = new Database(join(dir, 'state.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM seen').pluck().get()).toBe(0);
    db.close();
  });

  it('a DATA_DIR with only some of the old files imports those', async () => {
    const dir = tempDir('factbot-migrate-');
    cpSync(join(FIXTURE, 'seen-messages.journal'), join(dir, 'seen-messages.journal'));
    const s = await SqliteState.open(dir, { now: () => NOW });
    expect(await s.firstSighting('wecom:msg_journal_live', 60_000)).toBe(false);
    expect(await s.subscriptions()).toEqual([]);
    await s.close();
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['seen-messages.journal.migrated', 'state.db']));
  });
});
