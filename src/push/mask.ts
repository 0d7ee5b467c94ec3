// A push target can be a credential: whoever has a WeCom robot key or a Feishu custom-bot hook
// token can post into that group. Wherever a target is shown (logs, replies in a group, /status,
// the admins' messages, the push CLI) it goes through maskTarget; the logger passes every line
// through scrubTargetSecrets as well, for a key that reaches it inside an error message or a URL.

/** How many characters of a secret may show, and only when this many more stay hidden. */
const SHOWN = 4;
const HIDDEN_AT_LEAST = 8;

/** "…c123": the last 4 characters of a secret of 12 or more, "…" for a shorter one, "" for none. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  return secret.length >= SHOWN + HIDDEN_AT_LEAST ? `…${secret.slice(-SHOWN)}` : '…';
}

/** Chat ids name a chat; posting into it needs the app's own credentials, so they show as they are. */
const PLAIN_SCHEMES = new Set(['feishu', 'wecom']);

/**
 * A push target as it may be shown: `wecom-hook:…c123`, `feishu-hook:…c123`; chat ids
 * (`feishu:oc_…`, `wecom:…`) unchanged. Anything else of the form `scheme:ref` is masked as a hook.
 * Never throws; masking a masked target changes nothing.
 */
export function maskTarget(target: string): string {
  const m = /^([a-z][a-z0-9-]*):([\s\S]*)$/i.exec(target);
  if (!m) return target.startsWith('…') ? target : maskSecret(target);
  const scheme = m[1]!;
  const ref = m[2]!;
  if (PLAIN_SCHEMES.has(scheme.toLowerCase()) || ref.startsWith('…')) return target;
  return `${scheme}:${maskSecret(secretOf(ref))}`;
}

/**
 * The secret part of a hook reference: the `key` of a webhook URL (WeCom), else the URL's last
 * path segment (a Feishu hook's token), else the reference itself (a bare WeCom key).
 */
export function secretOf(ref: string): string {
  if (!/^https?:\/\//i.test(ref)) return ref;
  try {
    const url = new URL(ref);
    const key = url.searchParams.get('key');
    if (key) return key;
    const last = url.pathname.split('/').filter(Boolean).pop();
    return last ?? ref;
  } catch {
    return ref;
  }
}

// Characters a key or URL is made of; quotes, commas, parentheses, backslashes (JSON escapes),
// whitespace and "…" (a key masked already) end one.
const REF = String.raw`[A-Za-z0-9._~%/?#@!$&*+=:\[\]-]+`;
const HOOK_TARGET = new RegExp(String.raw`\b(wecom-hook|feishu-hook):(${REF})`, 'g');
const KEY_PARAM = /([?&](?:amp;)?key=)([^&\s"'#\\<>…]+)/gi;
const FEISHU_HOOK_PATH = /(\/open-apis\/bot\/v2\/hook\/)([^/?#\s"'\\<>…]+)/g;

/**
 * Masks push credentials anywhere in a text: hook targets, `key=` in a URL's query, the token of
 * a Feishu hook URL. Meant for log lines and error messages; keeps JSON valid.
 */
export function scrubTargetSecrets(text: string): string {
  if (!text.includes('hook') && !/key=/i.test(text)) return text;
  return text
    .replace(HOOK_TARGET, (_all, scheme: string, ref: string) => maskTarget(`${scheme}:${ref}`))
    .replace(KEY_PARAM, (_all, lead: string, key: string) => `${lead}${maskSecret(key) || '…'}`)
    .replace(FEISHU_HOOK_PATH, (_all, lead: string, token: string) => `${lead}${maskSecret(token) || '…'}`);
}
