import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import type { FactStore } from '../src/store/fact-store.js';
import { tempDir } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// An invented county hospital's report (a table of departments) beside its city's bulletin.
const FIXTURE = 'test/fixtures/level-hospital';

let one: FactStore;
let two: FactStore;
beforeAll(async () => {
  one = await storeFrom(FIXTURE);
  // The same reports and a second county's hospital: 县医院 no longer says which.
  const dir = tempDir('factbot-level-hospital-');
  for (const f of readdirSync(FIXTURE)) copyFileSync(join(FIXTURE, f), join(dir, f));
  writeFileSync(join(dir, '913_qiaokou_yiyuan.txt'), '桥口县人民医院2024年度工作报告\n\n2024年，全院门急诊39.16万人次，完成手术8820台次。\n\n表1  2024年各临床科室主要业务量\n科室 | 门诊人次 | 手术台次\n内科 | 70210 | 280\n儿科 | 65330 | 60\n外科 | 40120 | 3350\n');
  writeFileSync(join(dir, '913_qiaokou_yiyuan.meta.json'), JSON.stringify({ title: '桥口县人民医院2024年度工作报告', date: '2025-02-11', region: '桥口县', parentRegion: '蒲湾市' }));
  two = await storeFrom(dir);
});

const first = (store: FactStore, q: string) => ask(store, q).answers[0]?.answer;

describe('县医院 said with no place', () => {
  it.each([
    ['县医院门诊量前三的科室', '儿科（90140人次）'],
    ['县医院手术量最多的科室', '外科（4120台次）'],
    ['县人民医院手术台次前三的科室', '外科（4120台次）'],
    ['芦川县医院门诊量前三的科室', '儿科（90140人次）'],
  ])('%s is the one county hospital the reports speak for: %s', (q, answer) => {
    expect(first(one, q)).toBe(answer);
  });

  it.each([
    ['another place named', '蒲湾县医院门诊量前三的科室'],
    ['a level no report speaks for', '区医院门诊量前三的科室'],
  ])('is not that hospital with %s', (_why, q) => {
    expect(ask(one, q).across).toBeUndefined();
  });

  it('says no hospital when the reports speak for two of that level', () => {
    expect(ask(two, '县医院门诊量前三的科室').across).toBeUndefined();
    expect(first(two, '桥口县医院门诊量前三的科室')).toBe('内科（70210人次）');
  });
});
