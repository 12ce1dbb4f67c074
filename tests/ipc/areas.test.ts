/**
 * The areas the contract declares are true of the code: against a real database with a runner's
 * history, every write is made through the real handlers, and every read whose answer it changed
 * must depend on an area the write declares it changes. (An area left out would leave a page
 * showing what is no longer so after a save elsewhere in the window.) And the reverse holds
 * where it matters: a save of shoes leaves the Insights' answer as it was.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/ipc/handlers';
import type { Handlers } from '../../src-main/ipc/core';
import type { ChannelName } from '../../src-main/shared/channels';
import { overlaps } from '../../src-main/shared/channel-spec';
import { areasChanged, areasRead, contract, type ChannelInput, type ReadChannelName, type WriteChannelName } from '../../src-main/shared/contract';
import { writeGeneratedHistory } from '../support/history';
import { gpxOf, walk } from '../support/gpx-build';
import { openTempDatabase } from '../support/temp-db';

const NOW = new Date('2026-11-21T12:00:00Z');
let handlers: Handlers;
let cleanup: () => void;

async function call<C extends ChannelName>(channel: C, input?: ChannelInput<C>): Promise<unknown> {
  const parsed = contract[channel].input.parse(input);
  return (handlers[channel] as (input: unknown) => unknown)(parsed);
}

beforeAll(async () => {
  const opened = await openTempDatabase();
  cleanup = opened.cleanup;
  writeGeneratedHistory(opened.db, { endDate: '2026-11-19', days: 70, runsPerWeek: 4, checkins: true, seed: 21 });
  handlers = createHandlers({
    db: opened.db,
    now: () => NOW,
    timeZone: () => 'Europe/London',
    version: 'test',
    databasePath: opened.file,
    dataFolder: opened.folder,
    backupsFolder: path.join(opened.folder, 'backups'),
    restoreDatabase: () => Promise.reject(new Error('no restore here')),
    openFolder: async () => true,
  });
});
afterAll(() => cleanup());

/** An import started: its end (the worker's runs are in the database then). */
async function finished(jobId: number): Promise<void> {
  for (;;) {
    const view = (await call('imports:status', { jobId })) as { summary: unknown; failure: unknown };
    if (view.summary !== null || view.failure !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Ids the writes make, for the reads that need one. */
const made: { runId?: number; shoeId?: number; sessionId?: number; checkinId?: number; recoveryId?: number; exerciseId?: number } = {};

/** Every read, with the input a page would send. */
async function answers(): Promise<Map<ReadChannelName, string>> {
  const runId = made.runId ?? 1;
  const reads: [ReadChannelName, unknown][] = [
    ['app:info', undefined],
    ['settings:get', undefined],
    ['runs:list', {}],
    ['runs:get', { id: runId }],
    ['runs:track', { id: runId }],
    ['shoes:list', undefined],
    ['plan:history', undefined],
    ['today:summary', undefined],
    ['today:nextRun', undefined],
    ['runs:spike', { id: runId }],
    ['runs:beforePain', { id: runId }],
    ['runs:beforePainAcross', undefined],
    ['pain:getForRun', { runId }],
    ['pain:overview', {}],
    ['checkins:list', {}],
    ['exercises:list', undefined],
    ['strength:list', {}],
    ['strength:last', undefined],
    ['routines:list', undefined],
    ['recovery:list', {}],
    ['insights:get', {}],
    ['ostrc:list', {}],
    ['followup:get', { runId }],
    ['clinic:today', undefined],
    ['report:get', { weeks: 8 }],
  ];
  const result = new Map<ReadChannelName, string>();
  for (const [channel, input] of reads) {
    // A refusal is an answer too ("That run no longer exists").
    result.set(channel, await call(channel, input as never).then(JSON.stringify, (error: Error) => `refused: ${error.message}`));
  }
  return result;
}

/** The writes, in an order where each finds what it needs. */
const writes: [WriteChannelName, () => unknown][] = [
  ['shoes:add', () => ({ name: 'Ghost 16' })],
  ['runs:add', () => ({ localDate: '2026-11-20', localTime: '07:30', timeZone: 'Europe/London', distanceMetres: 9000, durationSeconds: 3000, shoeId: made.shoeId })],
  ['shoes:update', () => ({ id: made.shoeId, name: 'Ghost 16 (blue)' })],
  ['runs:update', () => ({ id: made.runId, localDate: '2026-11-20', localTime: '07:45', timeZone: 'Europe/London', distanceMetres: 9500, durationSeconds: 3100, shoeId: made.shoeId })],
  ['pain:setForRun', () => ({ runId: made.runId, status: 'pain', sites: [{ painOnsetMetres: 6000, location: 'lateral_knee', side: 'left', worstScore: 5, action: 'slowed' }] })],
  ['followup:set', () => ({ runId: made.runId, afterScore: 4, nextMorningScore: 6 })],
  ['checkins:add', () => ({ localDate: '2026-11-21', leftScore: 3 })],
  ['checkins:update', () => ({ id: made.checkinId, localDate: '2026-11-21', leftScore: 4 })],
  ['checkins:delete', () => ({ id: made.checkinId })],
  ['exercises:add', () => ({ name: 'Monster walk', category: 'glute_hip', measure: 'reps', perSide: false, defaultSets: 3, defaultAmount: 15 })],
  ['strength:add', () => ({ localDate: '2026-11-21', exercises: [{ exerciseId: made.exerciseId, sets: [{ setNumber: 1, amount: 15 }] }] })],
  ['strength:update', () => ({ id: made.sessionId, localDate: '2026-11-21', rpe: 6, exercises: [{ exerciseId: made.exerciseId, sets: [{ setNumber: 1, amount: 20 }] }] })],
  ['routines:saveFromSession', () => ({ sessionId: made.sessionId, name: 'Saturday hips' })],
  ['strength:delete', () => ({ id: made.sessionId })],
  ['recovery:add', () => ({ localDate: '2026-11-21', kind: 'foam_rolling' })],
  ['recovery:delete', () => ({ id: made.recoveryId })],
  ['plan:set', () => ({ effectiveFrom: '2026-11-16', kind: 'per_week', sessionsPerWeek: 4 })],
  ['settings:update', () => ({ weekStartsOn: 0 })],
  ['settings:update', () => ({ units: 'km' })],
  ['insights:setExampleHidden', () => ({ hidden: true })],
  ['ostrc:save', () => ({ weekStart: '2026-11-15', q1: 8, q2: 8, q3: 0, q4: 8 })],
  ['imports:start', () => ({
    files: [{ fileName: 'tempo.gpx', bytes: new TextEncoder().encode(gpxOf([{ segments: [walk({ startMs: Date.parse('2026-11-18T07:00:00Z'), points: 1200, stepMetres: 3, stepSeconds: 1 })] }])) }],
    timeZone: 'Europe/London',
  })],
  ['runs:delete', () => ({ id: made.runId })],
];

function remember(channel: WriteChannelName, result: unknown): void {
  const id = (result as { id?: number }).id;
  if (channel === 'shoes:add') made.shoeId = id;
  if (channel === 'runs:add') made.runId = id;
  if (channel === 'checkins:add') made.checkinId = id;
  if (channel === 'exercises:add') made.exerciseId = id;
  if (channel === 'strength:add') made.sessionId = id;
  if (channel === 'recovery:add') made.recoveryId = id;
}

describe('the areas each channel declares are true of the code', () => {
  it('every read a write changed depends on an area the write declares', { timeout: 120_000 }, async () => {
    const stale: string[] = [];
    let before = await answers();
    for (const [channel, input] of writes) {
      const result = await call(channel, input() as never);
      if (channel === 'imports:start') await finished((result as { jobId: number }).jobId);
      remember(channel, result);
      const after = await answers();
      for (const [read, answer] of after) {
        if (answer !== before.get(read) && !overlaps(areasRead(read), areasChanged(channel))) stale.push(`${channel} changed ${read}`);
      }
      before = await answers(); // a read's answer may name the run made just now
    }
    expect(stale).toEqual([]);
  });

  it('a save of shoes leaves the Insights’ answer as it was (so they need not ask again)', async () => {
    const insightsBefore = JSON.stringify(await call('insights:get', {}));
    const shoe = (await call('shoes:add', { name: 'Trail pair' })) as { id: number };
    await call('shoes:update', { id: shoe.id, retired: true });
    expect(JSON.stringify(await call('insights:get', {}))).toBe(insightsBefore);
    expect(overlaps(areasRead('insights:get'), [...areasChanged('shoes:add'), ...areasChanged('shoes:update')])).toBe(false);
  });
});
