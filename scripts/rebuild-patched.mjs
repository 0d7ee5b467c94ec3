#!/usr/bin/env node
// After `patch-package` (postinstall): rebuilds a native addon whose source a patch in patches/
// changed, since npm built it before the patch was applied. nodejs-jieba's patch drops the
// TextRank extractor, which loaded a second copy of the whole dictionary (half of jieba's ~235 MB
// and of its second of loading; the bot never extracts keywords), and frees the dictionary when
// a worker thread ends. Skipped when the built addon is already newer than its patched source.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const addon = join(root, 'node_modules/nodejs-jieba');
const built = join(addon, 'build/Release/jieba.node');
const source = ['lib/nodejieba.cpp', 'lib/nodejieba.h'].map((f) => join(addon, f));
const stale = !existsSync(built) || source.some((f) => statSync(f).mtimeMs > statSync(built).mtimeMs);
if (stale) {
  // From source: no prebuilt binary is fetched (none would carry the patch, and there is no network for it).
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'nodejs-jieba'], { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_build_from_source: 'true' } });
}
