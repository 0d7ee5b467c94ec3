import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a city's brief giving its per-thousand figures beside the province's, the same figures
// bare (no unit) in its county table's 全市 row, and their change since 2022.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/compare-base');
});

describe('a comparison with a wider area', () => {
  it('is never answered by a change on another base (与2022年相比增加0.47张 is not 比全国高)', () => {
    const r = ask(store, '桤林千人床位比全国高多少');
    expect(r.answers).toEqual([]);
    expect(r.note).toMatch(/全国/);
  });

  it('is worked from the figures when both are there, each in its unit, and follows up on another measure', () => {
    const chat = new FollowUps();
    const first = ask(store, '桤林千人床位比全省高多少', { chat: 'g', followUps: chat });
    expect(first.across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['桤林市:7.11张', '全省:6.92张']);
    expect(first.across?.result?.value).toBe('桤林市比全省多0.19张');
    const next = ask(store, '那医师呢', { chat: 'g', followUps: chat });
    expect(next.across?.result?.value).toBe('桤林市比全省少0.06人');
  });

});
