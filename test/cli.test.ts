import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('npm run ask -- --json (the contract score.mjs reads)', () => {
  it('writes one JSON line per question, in order, with the answer fields', () => {
    const r = run(['--json'], '枣庄卫生总资产\n你好\n北京有多少医疗卫生机构\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['枣庄卫生总资产', '你好', '北京有多少医疗卫生机构']);
    expect(lines[0].answers[0]).toMatchObject({
      answer: '140.05亿元',
      metric: '卫生总资产',
      region: '枣庄市',
      time: '截至2021年底',
      source: { file: '000_40ca54400f45fed3.txt', title: expect.any(String) },
    });
    expect(typeof lines[0].answers[0].quote).toBe('string');
    expect(typeof lines[0].answers[0].confidence).toBe('number');
    expect(lines[1].answers).toEqual([]);
    expect(lines[2].answers).toEqual([]);
    expect(lines[2].suggestions.length).toBeGreaterThan(0);
  });

  it('carries no context from one line to the next', () => {
    const r = run(['--json'], '枣庄办案数量\n2012年呢\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].answers[0].answer).toBe('2491件');
    expect(lines[1].answers).toEqual([]);
  });

  it('prints a readable answer for one question', () => {
    const r = run(['枣庄网内救护车有几辆']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('63辆');
    expect(r.stdout).toContain('护佑人民健康');
  });

  it('explains its usage when given nothing to ask', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage');
  });
});
