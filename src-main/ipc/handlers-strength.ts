import type { CoreContext, HandlersFor } from './handlers';

/** Handlers for the strength channels. */
export function strengthHandlers(_core: CoreContext): HandlersFor<never> {
  return {};
}
