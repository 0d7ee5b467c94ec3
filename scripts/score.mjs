#!/usr/bin/env node
// Scores the bot's answers on a question file.
//
//   node scripts/score.mjs QA.jsonl [--verbose] [--json] [--docs extra.json] -- COMMAND [ARG...]
//
// The project's own copy of the shared eval tooling (../shared/eval/score.mjs, kept in step with
// it), so that `npm run score` works in a clone with nothing beside it.
//
// COMMAND must read questions from standard input, one per line, and write one
// JSON object per question, one per line, in the same order:
//   {"question": "...", "answers": [{"answer": "2702个", "quote": "...",
//     "source": {"file": "000_40ca54400f45fed3.txt", "title": "..."}}, ...]}
// answers is best first, and empty when the bot has no answer.
//
// A question of QA.jsonl: {"q": "...", "expect": ["2702"] | null, "doc": "000"}.
// It is right at rank k when answers[k].answer contains one of expect (after
// NFKC, without spaces and thousands commas) and answers[k] cites doc.
// A question whose expect is null is right when answers is empty.
// top1 counts a right first answer; precise counts one whose answer is also
// short (at most 24 characters): the figure itself, not a whole sentence.
// wrong counts the worst outcome: a first answer that is not right (a wrong figure
// or the wrong report) on an answerable question, or any answer to an unanswerable one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

// A document is cited when source.file holds its seed name, or the title one of these phrases.
const DOCS = {
  '000': ['000_40ca54400f45fed3', '枣庄市卫生健康事业发展十年记', '护佑人民健康'],
  '001': ['001_eb100cd57368aa98', '推进卫生健康事业高质量发展纪实', '一切为了群众健康'],
  '002': ['002_f70deba1c1e1f030', '淄博品牌', '以民生温度'],
  '003': ['003_66c316e58a9ebb9f', '112184', '提升基层医疗卫生服务能力'],
  '004': ['004_88b8b5c2e6747ca6', '打赢疫情防控阻击战', '开创高质量发展新局面'],
};

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
if (sep < 1 || sep === argv.length - 1) {
  console.error('usage: node score.mjs QA.jsonl [--verbose] [--json] [--docs extra.json] -- COMMAND [ARG...]');
  process.exit(2);
}
const opts = argv.slice(0, sep);
const [cmd, ...cmdArgs] = argv.slice(sep + 1);
const qaFile = opts.find((a) => !a.startsWith('--') && opts[opts.indexOf(a) - 1] !== '--docs');
const verbose = opts.includes('--verbose');
const asJson = opts.includes('--json');
const docsAt = opts.indexOf('--docs');
if (docsAt >= 0) Object.assign(DOCS, JSON.parse(readFileSync(opts[docsAt + 1], 'utf8')));

const qa = readFileSync(qaFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const norm = (s) => String(s ?? '').normalize('NFKC').replace(/[\s,，]/g, '');

function cites(answer, doc) {
  const file = String(answer?.source?.file ?? '');
  const title = String(answer?.source?.title ?? '');
  return (DOCS[doc] ?? [doc]).some((p) => file.includes(p) || title.includes(p));
}
function right(answer, item) {
  const text = norm(answer?.answer);
  return item.expect.some((e) => text.includes(norm(e))) && cites(answer, item.doc);
}

const started = process.hrtime.bigint();
const child = spawn(cmd, cmdArgs, { stdio: ['pipe', 'pipe', 'inherit'] });
let out = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => (out += d));
child.stdin.end(qa.map((x) => x.q.replace(/\n/g, ' ')).join('\n') + '\n');
const code = await new Promise((r) => child.on('close', r));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const lines = out.split('\n').filter((l) => l.trim().startsWith('{'));
let top1 = 0, precise = 0, top3 = 0, pos = 0, negRight = 0, neg = 0, broken = 0, wrong = 0;
const misses = [];
qa.forEach((item, i) => {
  let reply;
  try { reply = JSON.parse(lines[i]); } catch { reply = null; broken++; }
  const answers = Array.isArray(reply?.answers) ? reply.answers : [];
  if (item.expect === null) {
    neg++;
    if (reply && answers.length === 0) negRight++;
    else { if (answers.length) wrong++; misses.push({ q: item.q, kind: 'negative', got: answers[0]?.answer ?? '(no reply)' }); }
    return;
  }
  pos++;
  const rank = answers.slice(0, 3).findIndex((a) => right(a, item));
  if (rank === 0) top1++;
  if (rank === 0 && norm(answers[0].answer).length <= 24) precise++;
  if (rank >= 0) top3++;
  if (rank !== 0 && answers.length) wrong++;
  if (rank !== 0) misses.push({ q: item.q, kind: item.kind, want: `${item.expect.join('|')} @${item.doc}`,
    got: answers[0] ? `${answers[0].answer} @${answers[0].source?.file ?? answers[0].source?.title ?? '?'}` : '(none)', rank });
});

const summary = {
  questions: qa.length, exit: code, unparsed: broken,
  top1: +(top1 / Math.max(pos, 1)).toFixed(3), precise: +(precise / Math.max(pos, 1)).toFixed(3), top3: +(top3 / Math.max(pos, 1)).toFixed(3),
  negatives: `${negRight}/${neg}`, wrong: `${wrong}/${qa.length}`, msPerQuestion: +((seconds * 1000) / qa.length).toFixed(1),
};
if (verbose) for (const m of misses) console.log(JSON.stringify(m));
console.log(asJson ? JSON.stringify(summary)
  : `top1 ${summary.top1} (${top1}/${pos})  precise ${summary.precise}  top3 ${summary.top3} (${top3}/${pos})  negatives ${summary.negatives}  wrong ${summary.wrong}  unparsed ${broken}  exit ${code}  ${summary.msPerQuestion} ms/question (whole run)`);
