// The "questions across facts" rows of `npm run bench`: the median time of ask() for compare, trend,
// rank and browse questions beside single-figure ones, on a store of the seeds and the dev2 reports
// (test/fixtures/dev2). The kinds are asked interleaved, question by question, so the machine's
// noise falls on all of them alike; five rounds, each giving a ratio kind ÷ single, and the median
// ratio is reported (target: compare, trend, rank each ≤ 3× a single-figure question).
//
// Every question is checked first: an across question must come back as `across` of its kind (with
// rows to show, or groups for browse), a single one with answers and no `across`; otherwise the
// bench stops, so a row never measures a fallback.
//
// `npx tsx bench/across.ts [--quick]` runs this section alone.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask } from '../src/core/ask.js';
import { buildFactStore } from '../src/store/fact-store.js';
import type { AcrossKind } from '../src/across/types.js';

export interface AcrossBenchOptions {
  /** A scratch directory for the merged report folder. */
  work: string;
  quick: boolean;
  row: (section: string, what: string, value: string) => void;
}

type Kind = 'single' | Exclude<AcrossKind, 'calc'>;

// Written from the texts of the reports (宝鸡 507, 江西 500, 襄阳 504, 宜宾 505, 厦门 501, 浏阳 506,
// 涧西 502, 弋江 503) and the seeds (淄博, 枣庄).
const QUESTIONS: Record<Kind, string[]> = {
  single: [
    '宝鸡每千人口床位数是多少',
    '江西每千人口床位数是多少',
    '襄阳人均预期寿命是多少',
    '宜宾孕产妇死亡率是多少',
    '浏阳5月报告法定传染病多少例',
    '厦门总诊疗量多少',
    '江西三甲医院几家',
    '涧西区家庭医生签约率是多少',
  ],
  compare: [
    '襄阳和宜宾每千人口床位哪个多',
    '江西和宝鸡人均预期寿命哪个高',
    '厦门和宝鸡每千人口床位数哪个多',
    '江西和襄阳每千人口注册护士哪个多',
    '宜宾和襄阳孕产妇死亡率哪个低',
    '宝鸡和宜宾婴儿死亡率哪个低',
    '江西和宜宾每千人口执业医师哪个多',
    '襄阳和江西居民健康素养水平哪个高',
  ],
  trend: [
    '宝鸡人均预期寿命这些年怎么变化',
    '宝鸡孕产妇死亡率这些年怎么变化',
    '宝鸡每千人口床位数历年变化',
    '宝鸡三级医院这些年怎么变化',
    '宜宾每千人口执业医师这几年怎么变化',
    '宜宾孕产妇死亡率这几年怎么变化',
    '宜宾人均预期寿命这些年怎么变化',
    '江西每千人口床位数这几年怎么变化',
  ],
  rank: [
    '江西专业公共卫生机构哪类最多',
    '江西专业公共卫生机构排名',
    '江西基层医疗卫生机构哪类最多',
    '江西基层医疗卫生机构排名前三',
    '江西医院中哪个等级的最多',
    '浏阳丙类传染病哪种病最多',
    '浏阳哪个街道报告病例最多',
    '浏阳丙类传染病前三',
  ],
  browse: [
    '淄博有哪些数据',
    '枣庄有哪些数据',
    '襄阳有哪些数据',
    '江西有哪些数据',
    '宝鸡有哪些数据',
    '宜宾有哪些指标',
    '浏阳疫情报告讲了什么',
    '弋江区人民医院有哪些数据',
  ],
};
const KINDS = Object.keys(QUESTIONS) as Kind[];
const TARGET = 3;
const TARGETED: Kind[] = ['compare', 'trend', 'rank'];
const ROUNDS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0)) + ' ms';

export async function acrossBench(o: AcrossBenchOptions): Promise<void> {
  const dir = join(o.work, 'across-reports');
  mkdirSync(dir, { recursive: true });
  for (const src of ['seeds', 'test/fixtures/dev2']) {
    for (const f of readdirSync(src)) if (f.endsWith('.txt') || f.endsWith('.meta.json')) copyFileSync(join(src, f), join(dir, f));
  }
  const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
  const section = `questions across facts, ${store.docs.size} reports`;

  // Each question answers as its kind, or the bench stops here (this pass also warms up).
  const wrong: string[] = [];
  for (const kind of KINDS) {
    for (const q of QUESTIONS[kind]) {
      const r = ask(store, q);
      const a = r.across;
      const ok = kind === 'single' ? !a && r.answers.length > 0 : a?.kind === kind && (kind === 'browse' ? (a.groups?.length ?? 0) > 0 : a.rows.length >= 2);
      if (!ok) wrong.push(`${kind}: ${q} → ${a ? `across ${a.kind}, ${a.rows.length} rows` : `${r.answers.length} answers`}`);
    }
  }
  if (wrong.length) throw new Error(`questions across facts: ${wrong.length} question(s) not answered as their kind:\n  ${wrong.join('\n  ')}`);

  // Each rep asks the i-th question of every kind in turn, the kinds' order rotating rep by rep.
  const reps = o.quick ? 6 : 30;
  const n = Math.max(...KINDS.map((k) => QUESTIONS[k].length));
  const perRound = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    for (let rep = 0; rep < reps; rep++) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < KINDS.length; j++) {
          const kind = KINDS[(j + rep + i) % KINDS.length]!;
          const qs = QUESTIONS[kind];
          const q = qs[i % qs.length]!;
          const t = performance.now();
          ask(store, q);
          times.get(kind)!.push(performance.now() - t);
        }
      }
    }
    for (const k of KINDS) perRound.get(k)!.push(median(times.get(k)!));
  }

  const single = perRound.get('single')!;
  o.row(section, `single figure (${QUESTIONS.single.length} questions)`, `median ${ms(median(single))}`);
  for (const kind of KINDS.filter((k) => k !== 'single')) {
    const mine = perRound.get(kind)!;
    const ratios = mine.map((t, r) => t / single[r]!);
    const ratio = median(ratios);
    const target = TARGETED.includes(kind) ? `target ≤ ${TARGET}×${ratio > TARGET ? '; over target' : ''}` : 'no target';
    o.row(
      section,
      `${kind} (${QUESTIONS[kind].length} questions)`,
      `median ${ms(median(mine))}, ${ratio.toFixed(1)}× single (rounds ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}×; ${target})`,
    );
  }
}

if (process.argv[1]?.endsWith('bench/across.ts')) {
  const work = mkdtempSync(join(tmpdir(), 'factbot-bench-across-'));
  await acrossBench({ work, quick: process.argv.includes('--quick'), row: (s, w, v) => process.stdout.write(`${s} | ${w} | ${v}\n`) });
  rmSync(work, { recursive: true, force: true });
}
