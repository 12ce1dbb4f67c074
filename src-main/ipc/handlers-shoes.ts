/** Handlers for the shoes channels: validated input to db/shoes. */
import type { ShoesChannelName } from '../shared/contract-shoes';
import { addShoe, listShoes, updateShoe } from '../db/shoes';
import type { CoreContext, HandlersFor } from './core';

export function shoesHandlers(core: CoreContext): HandlersFor<ShoesChannelName> {
  const { db } = core;
  return {
    'shoes:list': () => listShoes(db),
    'shoes:add': (shoe) => addShoe(db, shoe, core.now()),
    'shoes:update': (shoe) => updateShoe(db, shoe, core.now()),
  };
}
