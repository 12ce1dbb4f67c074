/**
 * The names of every channel between the renderer and the main process.
 *
 * Kept apart from the schemas (contract.ts) so that the preload, which only needs the names,
 * bundles no validation library. contract.ts proves at compile time that it defines exactly
 * these channels, no more and no fewer.
 *
 * A name is `group:action`; the preload exposes it as `window.stance.group.action(input)`.
 */
export const channelNames = [
  'app:info',
  'settings:get',
  'settings:update',
  // runs, shoes, the glute plan, today
  'runs:list',
  'runs:get',
  'runs:add',
  'runs:update',
  'runs:delete',
  'runs:track',
  'runs:spike',
  'runs:beforePain',
  'runs:beforePainAcross',
  // importing files, archives and folders (the import worker)
  'imports:start',
  'imports:status',
  'imports:cancel',
  'shoes:list',
  'shoes:add',
  'shoes:update',
  'plan:history',
  'plan:set',
  'plan:delete',
  'today:summary',
  'today:nextRun',
  // pain
  'pain:getForRun',
  'pain:setForRun',
  'pain:overview',
  'checkins:list',
  'checkins:add',
  'checkins:update',
  'checkins:delete',
  // strength and recovery
  'exercises:list',
  'exercises:add',
  'strength:list',
  'strength:get',
  'strength:add',
  'strength:update',
  'strength:delete',
  'strength:last',
  'routines:list',
  'routines:saveFromSession',
  'recovery:list',
  'recovery:add',
  'recovery:delete',
  // insights
  'insights:get',
  'insights:setExampleHidden',
  'insights:startPeriod',
  // the physiotherapist's check-ins and report
  'ostrc:list',
  'ostrc:save',
  'followup:get',
  'followup:set',
  'clinic:today',
  'report:get',
  'report:savePdf',
  // the randomised experiment
  'experiment:setup',
  'experiment:fix',
  'experiment:stop',
  'experiment:today',
  'experiment:answer',
  'experiment:result',
  // backups and data
  'backups:list',
  'backups:create',
  'backups:restore',
  'backups:openFolder',
  'backups:recovery',
  'data:export',
  'data:importJson',
] as const;

export type ChannelName = (typeof channelNames)[number];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (channelNames as readonly string[]).includes(name);
}

/**
 * Messages main sends to the window, each a string: `navigate` (the application menu's
 * shortcuts; a page id), `import` (an import's progress and outcomes; JSON, shared/import-events.ts).
 */
export const eventNames = ['navigate', 'import'] as const;
export type EventName = (typeof eventNames)[number];
