import { randomBytes } from 'node:crypto';
import { StoreHolder } from '../core/store-holder.js';
import { exitOnSettingError, quietOnBrokenPipe, readConfigOrExit } from './entry.js';
import { loadTargetsFile } from '../push/targets.js';
import { createLogger, logStoreBuild } from '../log.js';
import { maskTarget, scrubTargetSecrets } from '../push/mask.js';
import { dayIn } from '../push/daily.js';
import { pushRunner, pushSenders } from '../push/runner.js';
import { openState } from '../server/start.js';
import { buildFactStore } from '../store/fact-store.js';

const USAGE = `usage: npm run --silent push -- [--dry-run] [--day YYYY-MM-DD] [--resend-unknown]
  --dry-run         print what each subscribed group would get, sending and marking nothing
  --day             the day to push for (default: today in PUSH_TZ)
  --resend-unknown  send again where an earlier send was cut off (status unknown: the group may
                    have it already); check the group first
Without --dry-run it runs today's push now: each group at most once a day. Hook targets are shown
masked (wecom-hook:…c123): their keys let anyone post into the group.`;

quietOnBrokenPipe();
const args = process.argv.slice(2);
if (args.includes('--help')) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const dayAt = args.indexOf('--day');
const day = dayAt >= 0 ? args[dayAt + 1] : undefined;
if (dayAt >= 0 && !/^\d{4}-\d{2}-\d{2}$/.test(day ?? '')) {
  process.stderr.write(`--day takes a date such as 2026-11-22\n${USAGE}\n`);
  process.exit(2);
}
const unknown = args.filter((a, i) => a.startsWith('--') && !['--dry-run', '--day', '--resend-unknown'].includes(a) && (dayAt < 0 || i !== dayAt + 1));
if (unknown.length) {
  process.stderr.write(`unknown option ${unknown.join(' ')}\n${USAGE}\n`);
  process.exit(2);
}
const dryRun = args.includes('--dry-run');
const resendUnknown = args.includes('--resend-unknown');

const config = readConfigOrExit();
const log = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : 'warn', pretty: false, fd: 2 });
// What the server checks at start, checked here first and said on one line: a wrong targets file,
// Redis not answering.
if (config.push.targetsFile) await loadTargetsFile(config.push.targetsFile).catch((err: unknown) => exitOnSettingError(err, 'push not run'));
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
logStoreBuild(log, store);
const state = await openState(config, log).catch((err: unknown) => exitOnSettingError(err, 'push not run'));
try {
  const run = pushRunner({ config, state, stores: new StoreHolder(store), senders: pushSenders(config, log), log, owner: `cli-${randomBytes(3).toString('hex')}` });
  const results = await run(dryRun ? 'cli:dry-run' : 'cli', { ...(dryRun ? { dryRun: true } : {}), ...(day ? { day } : {}), ...(resendUnknown ? { resendUnknown: true } : {}) });
  const shownDay = day ?? dayIn(new Date(), config.push.timeZone);
  process.stdout.write(`${dryRun ? '预览' : '推送'} ${shownDay}（${results.length} 个群）\n`);
  if (results.length === 0) process.stdout.write('没有订阅的群：在群里发送 /订阅，或在 PUSH_TARGETS_FILE 里列出目标。\n');
  for (const r of results) {
    const fact = r.fact ? `${r.fact.answer}  ${r.fact.metric}（${r.fact.region}）  [${r.fact.file}]` : '—';
    process.stdout.write(`${maskTarget(r.target)}\n  ${r.status}  ${fact}${r.reason ? `\n  ${scrubTargetSecrets(r.reason)}` : ''}\n`);
  }
  // A failed push, or one cut off earlier and not resent, needs someone to look.
  process.exitCode = results.some((r) => r.status === 'failed' || r.status === 'unknown') ? 1 : 0;
} finally {
  await state.close();
}
