import { pinyin } from 'pinyin-pro';

/**
 * The reports' words by how they sound. Chinese is typed by pinyin, so a typo is most often a word
 * that sounds the same (创位 for 床位, 签越率 for 签约率), which a spelling distance cannot see.
 */
export class Homophones {
  private bySound?: Map<string, { word: string; count: number }[]>;

  /** `words`: the reports' words with how often they occur. */
  constructor(private readonly words: ReadonlyMap<string, number>) {}

  /** The one report word that sounds like `typed`, if one stands out. */
  find(typed: string): string | undefined {
    if (typed.length < MIN || typed.length > MAX) return undefined;
    const same = this.index().get(soundOf(typed));
    if (!same) return undefined;
    const [first, second] = [...same].sort((a, b) => b.count - a.count);
    // Two words that sound alike and occur alike: which was meant cannot be told.
    return first && (!second || first.count >= 2 * second.count) ? first.word : undefined;
  }

  // Built on the first typo, not with the store: most questions have none.
  private index(): Map<string, { word: string; count: number }[]> {
    if (this.bySound) return this.bySound;
    const out = new Map<string, { word: string; count: number }[]>();
    for (const [word, count] of this.words) {
      if (word.length < MIN || word.length > MAX || !HAN.test(word)) continue;
      const sound = soundOf(word);
      let list = out.get(sound);
      if (!list) out.set(sound, (list = []));
      list.push({ word, count });
    }
    this.bySound = out;
    return out;
  }
}

// Short words: a longer one mistyped is close enough in spelling for the fuzzy search.
const MIN = 2;
const MAX = 4;
const HAN = /^[\u3400-\u9fff]+$/;

/** 床位 → "chuang wei": toneless, since a typist picks the wrong tone as often as the wrong character. */
export function soundOf(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array', v: true }).join(' ');
}
