import type { Logger } from 'pino';
import type { StoreHolder } from '../core/store-holder.js';
import type { Config } from '../config.js';
import { FeishuHookSender } from '../platforms/feishu/hook.js';
import { FeishuSender } from '../platforms/feishu/sender.js';
import { GroupRobotSender } from '../platforms/wecom/sender.js';
import type { StateStore } from '../state/state.js';
import { dayIn, runDailyPush, type PushOutcome } from './daily.js';
import { maskTarget, scrubTargetSecrets } from './mask.js';
import { loadTargetsFile, sendToTarget, type PushSenders } from './targets.js';

/** resendUnknown: send again, on purpose, where an earlier send was cut off (see runDailyPush). */
export type PushRunner = (by: string, opts?: { dryRun?: boolean; day?: string; resendUnknown?: boolean }) => Promise<PushOutcome[]>;

/** The senders pushes can use with this config; the WeCom robot's chats are added by its channel. */
export function pushSenders(config: Config, log: Logger, sleep?: (ms: number) => Promise<void>): PushSenders {
  return {
    ...(config.feishu
      ? {
          feishu: new FeishuSender({
            appId: config.feishu.appId,
            appSecret: config.feishu.appSecret,
            ...(config.feishu.domain ? { domain: config.feishu.domain } : {}),
            log: log.child({ platform: 'feishu' }),
            ...(sleep ? { sleep } : {}),
          }),
        }
      : {}),
    feishuHooks: new FeishuHookSender({ log: log.child({ platform: 'feishu-hook' }), ...(sleep ? { sleep } : {}) }),
    wecomHooks: new GroupRobotSender(config.wecomApiBase, { log: log.child({ platform: 'wecom-hook' }), ...(sleep ? { sleep } : {}) }),
    ...(config.publicUrl ? { linkFor: (file: string) => `${config.publicUrl}/reports/${encodeURIComponent(file)}` } : {}),
  };
}

/**
 * Today's push, for the schedule, the /push command and the push CLI alike. Targets are the chats
 * subscribed in the state plus those in PUSH_TARGETS_FILE; a failure that stays a failure, or a
 * send found cut off, reaches the Feishu admins directly and every admin through the log.
 */
export function pushRunner(deps: {
  config: Config;
  state: StateStore;
  stores: StoreHolder;
  senders: PushSenders;
  log: Logger;
  owner: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}): PushRunner {
  const { config, state, senders, log } = deps;
  const targets = async () => {
    const fromChats = await state.subscriptions();
    return config.push.targetsFile ? [...(await loadTargetsFile(config.push.targetsFile)), ...fromChats] : fromChats;
  };
  const report = async (outcome: PushOutcome) => {
    const text = adminNotice(outcome);
    for (const admin of config.admins) {
      if (admin.startsWith('feishu:') && senders.feishu) {
        await senders.feishu.client.im.v1.message
          .create({ params: { receive_id_type: 'open_id' }, data: { receive_id: admin.slice('feishu:'.length), msg_type: 'text', content: JSON.stringify({ text }) } })
          .catch((err: unknown) => log.error({ admin, err: scrubTargetSecrets(String(err)) }, 'could not tell an admin'));
      }
    }
    const fields = { target: maskTarget(outcome.target), reason: outcome.reason, admins: [...config.admins] };
    if (outcome.status === 'unknown') log.warn(fields, 'push cut off mid-send reported to admins');
    else log.error(fields, 'push failure reported to admins');
  };
  return (by, o = {}) =>
    runDailyPush(
      {
        state,
        stores: deps.stores,
        targets,
        send: (sub, card, key) => sendToTarget(sub, card, senders, key),
        report,
        log,
        owner: deps.owner,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      },
      o.day ?? dayIn(deps.now?.() ?? new Date(), config.push.timeZone),
      { by, ...(o.dryRun ? { dryRun: true } : {}), ...(o.resendUnknown ? { resendUnknown: true } : {}) },
    );
}

/** What the admins are told of a push that failed for good, or was cut off mid-send; the target masked. */
export function adminNotice(outcome: PushOutcome): string {
  const target = maskTarget(outcome.target);
  if (outcome.status === 'unknown') {
    return `今日数据发到 ${target} 时推送中断（发出后进程停止，没有等到平台回应），群里可能已经收到，所以没有自动重发。确认这个群没有收到的话，请发送 /push 重发。`;
  }
  return `今日数据没有发到 ${target}：${scrubTargetSecrets(outcome.reason ?? '未知原因')}`;
}
