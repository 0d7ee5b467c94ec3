import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// Parsing intents/indicators.yaml takes 0.15 s warm and 0.3–0.8 s cold (the parser's own code not
// yet compiled), on the main thread and again in the build worker, at every start. So
// `npm run build` parses the project's intents/*.yaml once and keeps each result as JSON beside
// the compiled code (dist/yaml-cache.json, keyed by the text's hash); a text found there is read
// back with JSON.parse. Any other text (intents edited since the build, a mounted INTENTS_DIR,
// running under tsx) is parsed as before, and the yaml package loads only then.
const CACHE = new URL('../yaml-cache.json', import.meta.url);
const require = createRequire(import.meta.url);

export const yamlKey = (text: string): string => createHash('sha256').update(text).digest('hex');

/** YAML.parse(text), from the build's cache when it holds this very text. */
export function parseYaml(text: string): unknown {
  const hit = cached(yamlKey(text));
  return hit !== undefined ? hit : (require('yaml') as typeof Yaml).parse(text);
}

function cached(key: string): unknown {
  try {
    // Read afresh each time (two small files a build): callers get their own objects to keep.
    return (JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}
