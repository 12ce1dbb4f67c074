/**
 * The shape of `window.stance`, generated from the channel list, and the one function that
 * builds it. The preload builds it over ipcRenderer; the browser test harness builds the very
 * same object over its own transport. Nothing else differs.
 */
import { channelNames, type ChannelName, type EventName } from './channels';
import type { ChannelInput, ChannelResult } from './contract';
import type { CallResult } from './result';

type GroupOf<C> = C extends `${infer Group}:${string}` ? Group : never;
type ActionOf<C, Group extends string> = C extends `${Group}:${infer Action}` ? Action : never;

type Method<C extends ChannelName> = (input?: ChannelInput<C>) => Promise<CallResult<ChannelResult<C>>>;

export type StanceApi = {
  [G in GroupOf<ChannelName>]: {
    [A in ActionOf<ChannelName, G>]: Method<Extract<ChannelName, `${G}:${A}`>>;
  };
} & {
  /** Subscribe to a message from main (e.g. a menu shortcut). Returns the unsubscribe function. */
  on(event: EventName, listener: (payload: string) => void): () => void;
};

export type Invoke = (channel: ChannelName, input: unknown) => Promise<CallResult<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: string) => void) => () => void;

export function buildStanceApi(invoke: Invoke, subscribe: Subscribe): StanceApi {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    const [group, action] = name.split(':') as [string, string];
    const methods = (api[group] ??= {}) as Record<string, (input?: unknown) => Promise<CallResult<unknown>>>;
    methods[action] = (input?: unknown) => invoke(name, input);
  }
  api.on = (event: EventName, listener: (payload: string) => void) => subscribe(event, listener);
  return api as StanceApi;
}
