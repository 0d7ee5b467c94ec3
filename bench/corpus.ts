import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CHARS = '青山白河东西南北云海松柏桃李金石安平兴华昌盛宁远长乐永和丰泰康福瑞祥嘉禾明阳清溪';

/** The i-th made-up place name: two characters, distinct for the first 1,600. */
export function placeName(i: number): string {
  const n = CHARS.length;
  return CHARS[i % n]! + CHARS[(Math.floor(i / n) + 1 + (i % n)) % n]!;
}

const SEED_PLACES = [/枣庄/g, /淄博/g, /瑞安/g];

/**
 * Writes `count` reports made from the seeds: each names its own place, shifts its years and
 * scales its figures, so every report's facts are distinct. Sidecar metadata says where each is.
 */
export function generateCorpus(seedsDir: string, outDir: string, count: number): { file: string; place: string; seed: string }[] {
  mkdirSync(outDir, { recursive: true });
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  const out: { file: string; place: string; seed: string }[] = [];
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length]!;
    const place = placeName(i);
    const district = `${placeName(i + 700)}区`;
    const factor = 1 + ((i * 7919) % 89) / 1000;
    let text = readFileSync(join(seedsDir, seed), 'utf8');
    for (const p of SEED_PLACES) text = text.replace(p, place);
    text = text.replace(/市中区/g, district);
    text = text.replace(/\d+(\.\d+)?/g, (num, frac: string | undefined, at: number, whole: string) => {
      const next = whole.slice(at + num.length, at + num.length + 1);
      const value = Number(num);
      if (next === '年' && /^(19|20)\d{2}$/.test(num)) return String(value + (i % 4));
      if (next === '月' || next === '日' || value === 0) return num;
      const scaled = value * factor;
      return frac ? scaled.toFixed(frac.length - 1) : String(Math.max(1, Math.round(scaled)));
    });
    const file = `${String(i).padStart(4, '0')}_${seed.slice(4, 12)}.txt`;
    writeFileSync(join(outDir, file), text);
    const meta = JSON.parse(readFileSync(join(seedsDir, seed.replace(/\.txt$/, '.meta.json')), 'utf8')) as Record<string, string>;
    const isDistrict = meta.region === '市中区';
    writeFileSync(
      join(outDir, file.replace(/\.txt$/, '.meta.json')),
      JSON.stringify({ ...meta, title: `${meta.title}（${place}）`, region: isDistrict ? district : `${place}市`, parentRegion: isDistrict ? `${place}市` : '测试省' }),
    );
    out.push({ file, place, seed });
  }
  return out;
}
