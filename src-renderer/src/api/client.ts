/**
 * The renderer's typed client: request(channel, input) → result, or a thrown StanceError whose
 * message can be shown to the runner as it is. Every call to main goes through here; pages do
 * not call it themselves but read with useChannel and write with useSave (hooks.ts).
 */
import type { ChannelName } from '../../../src-main/shared/channels';
import type { ChannelInput, ChannelResult } from '../../../src-main/shared/contract';
import { StanceError } from '../../../src-main/shared/errors';
import type { CallResult } from '../../../src-main/shared/result';

export { StanceError };
export { messageOf } from './problem';

export async function request<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<ChannelResult<C>> {
  const [group, action] = channel.split(':') as [string, string];
  const methods = (window.stance as unknown as Record<string, Record<string, (input?: unknown) => Promise<CallResult<unknown>>>>)[group];
  const call = methods?.[action];
  if (!call) throw new StanceError('failed', 'Stance’s window is not connected to its database. Restart Stance.');
  let result: CallResult<unknown>;
  try {
    result = await call(input);
  } catch {
    throw new StanceError('failed', 'Stance’s window lost touch with its database. Nothing was changed; restart Stance.');
  }
  if (!result.ok) throw new StanceError(result.error.kind, result.error.message, result.error.field);
  return result.value as ChannelResult<C>;
}
