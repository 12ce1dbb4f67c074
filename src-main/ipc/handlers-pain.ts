import type { CoreContext, HandlersFor } from './handlers';

/** Handlers for the pain channels. */
export function painHandlers(_core: CoreContext): HandlersFor<never> {
  return {};
}
