import { describe, expect, it } from 'vitest';
import { Homophones, soundOf } from '../src/match/homophones.js';
import { countsAs } from '../src/extract/units.js';

describe('typos that sound like the word meant', () => {
  const words = new Map([
    ['床位', 120],
    ['创卫', 4],
    ['签约率', 30],
    ['保险', 12],
    ['宝贤', 11],
    ['卫生技术人员', 50],
  ]);
  const sounds = new Homophones(words);

  it.each([
    ['创位', '床位'],
    ['签越率', '签约率'],
    // Two words that sound alike and occur alike: which was meant cannot be told.
    ['保陷', undefined],
    // Sounds like nothing the reports say.
    ['挂号', undefined],
    // One character, or a long word (left to the spelling search).
    ['床', undefined],
    ['为生技术人员', undefined],
    ['', undefined],
  ])('%s → %s', (typed, meant) => expect(sounds.find(typed)).toBe(meant));

  it('sounds are toneless pinyin', () => {
    expect(soundOf('床位')).toBe(soundOf('创位'));
    expect(soundOf('死亡率')).toBe(soundOf('死忘率'));
    expect(soundOf('床位')).not.toBe(soundOf('病床'));
  });
});

describe('units that count more than one kind', () => {
  it.each([
    ['台', 'count', ['visit', 'person'], true],
    ['台', 'count', ['count'], true],
    ['辆', 'count', ['visit', 'person'], false],
    ['人次', 'visit', ['visit'], true],
    ['元', 'money', ['percent'], false],
  ] as const)('%s (%s) as one of %j: %s', (unit, cls, classes, ok) => expect(countsAs(unit, cls, classes)).toBe(ok));
});
