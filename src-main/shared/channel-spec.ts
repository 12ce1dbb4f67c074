import type { z } from 'zod';

/** A channel's input schema plus a phantom result type (never read at run time). */
export interface ChannelSpec<Input extends z.ZodType, Result> {
  input: Input;
  result?: Result;
}

/** `channel<Result>()(inputSchema)`: declares one channel of the contract. */
export function channel<Result>() {
  return <Input extends z.ZodType>(input: Input): ChannelSpec<Input, Result> => ({ input });
}
