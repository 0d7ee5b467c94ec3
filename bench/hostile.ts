import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Hostile inputs for the bench: questions of 500 characters built to cost the most, and reports
// cheap to write and costly to read. A fixed seed, so runs compare.

let seed = 20261205;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = (chars: string[], n: number) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]!).join('');

/** Generators of 500-character questions, each family a different way to cost more. */
export function hostileQuestions(seedsDir: string): Record<string, () => string> {
  const text = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(seedsDir, f), 'utf8')).join('');
  const chars = [...new Set(text.replace(/[^\u4e00-\u9fff]/g, ''))];
  return {
    '500 digits': () => pick([...'0123456789'], 500),
    '500 of the reports\' characters': () => pick(chars, 500),
    'characters and figures mixed': () => pick([...chars.slice(0, 60), ...'0123456789.%，'], 500),
    'one word 250 times': () => pick(['床位', '医院', '增长', '多少'], 1).repeat(250),
    'a pasted paragraph, then the question': () => `${pick(chars, 470)}。枣庄实际开放床位多少张？`,
  };
}

/** Reports that were quadratic or unbounded to read: one sentence of many figures, a flood of paragraphs. */
export function hostileReports(): Record<string, string> {
  const head = '# 某市卫生健康统计公报\n\n2023年某市卫生健康事业发展情况如下。\n\n';
  return {
    'one-long-sentence.md': head + '全市' + Array.from({ length: 20_000 }, (_, i) => `指标${i}增长${(i % 97) + 1}.5%`).join('，') + '。\n',
    'many-paragraphs.md': head + Array.from({ length: 100_000 }, (_, i) => `全市第${i}项床位${i + 1}张。`).join('\n\n'),
  };
}
