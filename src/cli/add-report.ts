import { readFile } from 'node:fs/promises';
import { addReports, type AddOutcome } from '../admin/add-report.js';
import { quietOnBrokenPipe, readConfigOrExit } from './entry.js';
import { REPORT_EXTENSIONS } from '../reports/load.js';

const USAGE = `usage: npm run add-report -- FILE...
  Reads each report (${REPORT_EXTENSIONS.join(', ')}), adds the ones it can read to SEEDS_DIR and
  says what it read from each. A running bot serves them after /reload in the chat (or a restart).`;

quietOnBrokenPipe();
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const help = process.argv.includes('--help') || process.argv.includes('-h');
if (!files.length || help) {
  (help ? process.stdout : process.stderr).write(USAGE + '\n');
  process.exit(help ? 0 : 2);
}
const config = readConfigOrExit();
const inputs: { name: string; bytes: Uint8Array }[] = [];
for (const f of files) {
  try {
    inputs.push({ name: f, bytes: new Uint8Array(await readFile(f)) });
  } catch (err) {
    process.stdout.write(`✗ ${f}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})\n`);
  }
}
const result = await addReports(inputs, { seedsDir: config.seedsDir, intentsDir: config.intentsDir });
for (const o of result.outcomes) process.stdout.write(describe(o) + '\n');
const added = result.outcomes.filter((o) => o.status === 'added').length;
if (result.store) process.stdout.write(`\n${result.store.docs.size} reports, ${result.after} facts in ${config.seedsDir}; send /reload in the chat to serve them.\n`);
process.exit(added === inputs.length && inputs.length === files.length ? 0 : 1);

function describe(o: AddOutcome): string {
  if (o.status === 'refused') return `✗ ${o.file}: not added: ${o.reason}`;
  if (o.status === 'duplicate') return `= ${o.file}: already there as ${o.stored}; not added again`;
  const s = o.summary;
  const lines = [
    `✓ ${o.file} → ${o.stored}: 《${s.title}》 ${s.region}${s.date ? ` ${s.date}` : ''}; ${s.facts} facts, ${s.tables} tables${s.pages ? `, ${s.pages} pages` : ''}`,
    ...s.samples.map((x) => `    ${x.metric}: ${x.answer}  「${x.quote}」`),
    ...s.warnings.map((w) => `    ! ${w}`),
  ];
  return lines.join('\n');
}
