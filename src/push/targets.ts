import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SettingError } from '../config.js';
import type { Card } from '../core/cards.js';
import type { FeishuHookSender } from '../platforms/feishu/hook.js';
import { MAX_HOOK_CARD_BYTES, renderFeishuCard } from '../platforms/feishu/render.js';
import type { FeishuSender } from '../platforms/feishu/sender.js';
import { renderWeCom } from '../platforms/wecom/render.js';
import { messageBody, type GroupRobotSender } from '../platforms/wecom/sender.js';
import type { Subscription } from '../state/state.js';
import { maskTarget, scrubTargetSecrets } from './mask.js';

export type TargetKind = 'feishu-chat' | 'feishu-hook' | 'wecom-hook' | 'wecom-chat';

/** What a target id names: feishu:oc_…, feishu-hook:https://…, wecom-hook:KEY, wecom:CHATID. */
export function parseTarget(id: string): { kind: TargetKind; ref: string } {
  const m = /^(feishu|feishu-hook|wecom-hook|wecom):(.+)$/.exec(id);
  if (!m) throw new Error(`push target "${maskTarget(id)}" is not one of feishu:<chat_id>, feishu-hook:<webhook URL>, wecom-hook:<key>, wecom:<chatid>`);
  const ref = m[2]!;
  switch (m[1]) {
    case 'feishu':
      return { kind: 'feishu-chat', ref };
    case 'feishu-hook':
      if (!/^https?:\/\/\S+\/open-apis\/bot\/v2\/hook\/\S+$/.test(ref)) throw new Error(`push target "${maskTarget(id)}": a Feishu bot webhook URL ends in /open-apis/bot/v2/hook/<token>`);
      return { kind: 'feishu-hook', ref };
    case 'wecom-hook':
      return { kind: 'wecom-hook', ref: wecomKeyOf(id, ref) };
    default:
      if (ref.startsWith('single:')) throw new Error(`push target "${id}": a private chat cannot be subscribed`);
      return { kind: 'wecom-chat', ref };
  }
}

/**
 * Whether sending a target the same push twice posts it once: Feishu chats drop a repeated message
 * uuid (for an hour). Hooks and WeCom robot chats take no idempotency key.
 */
export function resendsSafely(target: string): boolean {
  try {
    return parseTarget(target).kind === 'feishu-chat';
  } catch {
    return false;
  }
}

/** A robot's key, or the `key` parameter of its webhook URL (other parameters are not the key). */
function wecomKeyOf(id: string, ref: string): string {
  if (!/^https?:\/\//i.test(ref)) return ref;
  let key: string | null = null;
  try {
    key = new URL(ref).searchParams.get('key');
  } catch {
    // Not a URL after all: said below.
  }
  if (!key) throw new Error(`push target "${maskTarget(id)}": a WeCom webhook URL carries the robot's key as ?key=<key>; copy it again from the group robot settings`);
  return key;
}

const TargetsFileSchema = z.array(
  z
    .object({
      target: z.string().min(1),
      region: z.string().min(1).optional(),
      topic: z.string().min(1).optional(),
      format: z.enum(['auto', 'markdown', 'text']).optional(),
      secret: z.string().min(1).optional(),
    })
    .strict(),
);

/** What the file should hold, for the errors below. */
const TARGETS_FILE_FORM = 'a JSON list such as [{"target": "wecom-hook:KEY", "region": "淄博市"}] (see the README, "The daily fact")';

/**
 * Targets listed in a config file (PUSH_TARGETS_FILE), checked entry by entry. A file that is
 * missing, unreadable, not JSON or holds a wrong entry is a SettingError naming the variable, the
 * file and the problem: the server checks it at start and `npm run push` before it runs.
 */
export async function loadTargetsFile(path: string): Promise<Subscription[]> {
  const fail = (problem: string) => new SettingError('PUSH_TARGETS_FILE', `PUSH_TARGETS_FILE: ${path} ${problem}`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail(`does not exist; create it (${TARGETS_FILE_FORM}) or unset PUSH_TARGETS_FILE`);
    if (code === 'EISDIR') throw fail(`is a folder; name the JSON file in it`);
    if (code === 'EACCES') throw fail('cannot be read by this user; check its permissions');
    throw fail(`cannot be read (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // A JSON error quotes the text around it, which may be a key.
    throw fail(`is not valid JSON (${scrubTargetSecrets((err as Error).message)}); it should be ${TARGETS_FILE_FORM}`);
  }
  if (!Array.isArray(raw)) throw fail(`holds ${raw === null ? 'null' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`}, not a list; it should be ${TARGETS_FILE_FORM}`);
  const parsed = TargetsFileSchema.safeParse(raw);
  if (!parsed.success) throw fail(`has wrong entries: ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`);
  return parsed.data.map((t, i) => {
    try {
      parseTarget(t.target);
    } catch (err) {
      throw fail(`has a wrong entry: [${i}.target] ${(err as Error).message}`);
    }
    return { ...t, addedAt: 'config', source: 'file' as const };
  });
}

export interface PushSenders {
  feishu?: FeishuSender;
  feishuHooks?: FeishuHookSender;
  wecomHooks?: GroupRobotSender;
  /** The intelligent robot's long connection, for pushes into its chats. */
  wecomChats?: { sendMessage(chatid: string, body: Record<string, unknown>): Promise<unknown> };
  linkFor?: (file: string) => string;
}

/** Sends a card to a push target in the form that target shows; `key` makes Feishu sends idempotent. */
export async function sendToTarget(sub: Subscription, card: Card, senders: PushSenders, key: string): Promise<void> {
  const { kind, ref } = parseTarget(sub.target);
  const wecom = () => renderWeCom(card, senders.linkFor ? { linkFor: senders.linkFor } : {});
  switch (kind) {
    case 'feishu-chat':
      if (!senders.feishu) throw new Error(`cannot push to ${sub.target}: the Feishu app is not configured (FEISHU_APP_ID, FEISHU_APP_SECRET)`);
      return senders.feishu.sendToChat(ref, renderFeishuCard(card), key);
    case 'feishu-hook':
      if (!senders.feishuHooks) throw new Error('Feishu webhook sender missing');
      return senders.feishuHooks.send(ref, renderFeishuCard(card, MAX_HOOK_CARD_BYTES), sub.secret);
    case 'wecom-hook':
      if (!senders.wecomHooks) throw new Error('WeCom webhook sender missing');
      return senders.wecomHooks.send(ref, wecom(), sub.format ?? 'auto');
    case 'wecom-chat':
      if (!senders.wecomChats) throw new Error(`cannot push to ${sub.target}: WeCom pushes into robot chats need WECOM_MODE=ws`);
      await senders.wecomChats.sendMessage(ref, messageBody(wecom(), sub.format === 'text' ? 'markdown' : (sub.format ?? 'auto')));
  }
}
