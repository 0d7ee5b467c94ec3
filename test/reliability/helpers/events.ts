import { deliver, messageEvent } from '../../helpers/feishu-events.js';
import { httpRequest } from './http.js';

type Envelope = { header: Record<string, unknown>; event: { sender: { sender_id: Record<string, string> }; message: Record<string, unknown> } };

/** messageEvent with its chat and sender chosen, so load spreads over groups and members. */
export function feishuMessage(opts: { text: string; messageId: string; chatId?: string; userId?: string; eventId?: string; chatType?: 'group' | 'p2p' }): Record<string, unknown> {
  const e = messageEvent({ text: opts.text, messageId: opts.messageId, ...(opts.eventId ? { eventId: opts.eventId } : {}), ...(opts.chatType ? { chatType: opts.chatType } : {}) });
  const env = e as unknown as Envelope;
  if (opts.chatId) env.event.message.chat_id = opts.chatId;
  if (opts.userId) env.event.sender.sender_id = { open_id: opts.userId, union_id: `on_${opts.userId}`, user_id: opts.userId };
  return e;
}

/** The same message redelivered by Feishu: a new event id, the same message id. */
export function redelivery(event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  const env = event as unknown as Envelope;
  return { ...event, header: { ...env.header, event_id: eventId } };
}

/** POSTs a signed, encrypted event to a server's /feishu/events; resolves to the status. */
export async function postFeishu(port: number, event: Record<string, unknown>): Promise<number> {
  const d = deliver(event);
  return (await httpRequest(`http://127.0.0.1:${port}/feishu/events`, { method: 'POST', body: d.body, headers: d.headers })).status;
}

/** Runs `tasks` with at most `width` at a time, in order of start. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += width) out.push(...(await Promise.all(tasks.slice(i, i + width).map((t) => t()))));
  return out;
}
