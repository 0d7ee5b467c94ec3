#!/usr/bin/env node
// `npm run build` (and before `npm start`): compiles src/ to dist/ for production, so the bot runs
// on plain node rather than tsx (start-up and memory, issue 14). Types are not checked here
// (`npm run typecheck` and `npm test` do that); tsc only strips them, as tsx does. The files tsc
// does not emit are copied beside the JavaScript, and intents/*.yaml kept parsed. A build whose
// inputs have not changed since the last one is skipped, so `npm start` stays quick.
//   node scripts/build.mjs [OUT_DIR] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '..');
const out = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(root, 'dist');
const stampFile = join(out, '.build-hash');
// What tsc does not emit: the worker's boot module, the page, jieba's stand-in dictionaries.
const ASSETS = ['store/worker-boot.mjs', 'web/public', 'text/jieba'];

/** The project's intents/*.yaml, whose parsed form the build keeps (src/text/yaml.ts). */
const yamlFiles = () => (existsSync(join(root, 'intents')) ? readdirSync(join(root, 'intents')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `intents/${f}`) : []);

/** Every input's path and contents: src/ and the tsconfigs. */
function inputsHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(join(root, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', ...yamlFiles()]) hash.update(f).update(readFileSync(join(root, f)));
  return hash.digest('hex');
}

const want = inputsHash();
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) process.exit(0);

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // `npm ci --omit=dev` leaves TypeScript out: build where it is installed (the Dockerfile does).
  console.error(`build: ${relative(root, out) || out} is missing or older than src/, and TypeScript is not installed (npm ci --omit=dev); run npm ci, then npm run build`);
  process.exit(1);
}
// A fresh folder each time, so a module deleted from src/ leaves no stale copy behind; built
// beside and swapped in at the end, so a bot running from the old one loses its files for a moment only.
const next = `${out}.next-${process.pid}`;
rmSync(next, { recursive: true, force: true });
const started = performance.now();
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', next], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
for (const a of ASSETS) cpSync(join(root, 'src', a), join(next, a), { recursive: true });
// Each YAML file parsed once here rather than at every start; kept only when JSON holds it exactly.
const yamlCache = {};
for (const f of yamlFiles()) {
  const text = readFileSync(join(root, f), 'utf8');
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch {
    continue; // the bot reports a broken file when it loads it
  }
  if (isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), parsed)) yamlCache[createHash('sha256').update(text).digest('hex')] = parsed;
}
writeFileSync(join(next, 'yaml-cache.json'), JSON.stringify(yamlCache));
writeFileSync(join(next, '.build-hash'), want);
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
console.error(`build: src/ compiled to ${relative(root, out) || out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
