import { quietOnBrokenPipe, readConfigOrExit } from './entry.js';
import type { Fact } from '../extract/facts.js';
import { buildFactStore } from '../store/fact-store.js';

const USAGE = `usage: npm run --silent facts -- [--doc ID] [--json] [KEYWORD...]
  --doc ID    only facts of reports whose file name starts with ID (e.g. 000 or 003_66c3)
  --json      one JSON object per fact
  KEYWORD     only facts whose figure, metric or sentence holds every keyword`;

quietOnBrokenPipe();
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const docAt = args.indexOf('--doc');
const doc = docAt >= 0 ? args[docAt + 1] : undefined;
if (docAt >= 0 && !doc) {
  process.stderr.write(USAGE + '\n');
  process.exit(2);
}
const json = args.includes('--json');
const keywords = args.filter((a, i) => !a.startsWith('--') && (docAt < 0 || i !== docAt + 1));

const config = readConfigOrExit();
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
if (doc && ![...store.docs.keys()].some((id) => id.startsWith(doc))) noSuchReport(doc);
const selected = store.facts.filter(
  (f) => (!doc || f.docId.startsWith(doc)) && keywords.every((k) => `${f.answer} ${f.metric} ${f.quote}`.includes(k)),
);

if (json) {
  for (const f of selected) process.stdout.write(JSON.stringify(f) + '\n');
} else {
  let current = '';
  for (const f of selected) {
    if (f.docId !== current) {
      current = f.docId;
      const d = store.docs.get(f.docId)!;
      process.stdout.write(`\n${f.docId}  《${d.meta.title}》  ${d.meta.region}${d.meta.date ? '  ' + d.meta.date : ''}  (${d.facts} facts, metadata: ${d.meta.origin})\n`);
    }
    process.stdout.write(`  ${line(f)}\n`);
  }
  process.stdout.write(`\n${selected.length} of ${store.facts.length} facts from ${store.docs.size} reports\n`);
}
for (const f of store.failures) process.stderr.write(`not loaded: ${f.file}: ${f.reason}\n`);
for (const w of store.warnings) process.stderr.write(`warning: ${w.file}: ${w.reason}\n`);

/** `--doc` that names no report: says so, lists the reports there are, and exits 1. */
function noSuchReport(prefix: string): never {
  const failed = store.failures.filter((f) => f.file.startsWith(prefix));
  const lines = [
    failed.length
      ? `no report starting with "${prefix}" is loaded: ${failed.map((f) => `${f.file} was not loaded (${f.reason})`).join('; ')}`
      : `no report's file name starts with "${prefix}" in ${config.seedsDir}`,
  ];
  const docs = [...store.docs.values()];
  if (docs.length) {
    lines.push(`the ${docs.length} reports (--doc takes the start of a file name, e.g. ${docs[0]!.id.slice(0, 3)}):`);
    for (const d of docs.slice(0, 20)) lines.push(`  ${d.id}  《${d.meta.title}》`);
    if (docs.length > 20) lines.push(`  … and ${docs.length - 20} more: npm run --silent facts lists every report with its facts`);
  } else {
    lines.push(`no reports are loaded from ${config.seedsDir}; add some with npm run add-report -- FILE`);
  }
  process.stderr.write(lines.join('\n') + '\n');
  process.exit(1);
}

function line(f: Fact): string {
  const kind = f.kind === 'figure' ? '' : ` [${f.kind === 'date' ? '日期' : '事实'}]`;
  const slots = [f.status === 'target' ? '目标' : f.status === 'change' ? '变化' : '', f.level ?? '', f.region !== store.docs.get(f.docId)?.meta.region ? f.region : '']
    .filter(Boolean)
    .map((x) => ` [${x}]`)
    .join('');
  return `${f.id.split('#')[1]!.padStart(3)}  ${f.answer.padEnd(12)} ${f.metric}${kind}${slots}${f.time ? `  (${f.time.label})` : ''}`;
}
