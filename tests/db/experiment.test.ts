/**
 * The randomised experiment through the real dispatcher and a real SQLite file: a protocol fixed
 * and hashed, assignments drawn when Today first shows them and never again, runs linked to their
 * day's assignment, the adherence answer, the result — and that nothing fixed can be changed by
 * any way in: the window's channels, the JSON import (the CLI's and the window's), or SQL itself.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch, samePage } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import { channelNames } from '../../src-main/shared/channels';
import type { ExperimentProtocol, ExperimentResult, ExperimentTodayLine } from '../../src-main/shared/experiment';
import { assignedArm } from '../../src-main/analysis/experiment/assignment';
import { exportData } from '../../src-main/db/services/export';
import { importStanceExport } from '../../src-main/db/services/import-json';
import { protocolSha256 } from '../../src-main/db/experiment';
import { canonicalJson } from '../../src-main/shared/experiment';
import { addDays } from '../../src-main/shared/calendar';
import { openTempDatabase } from '../support/temp-db';

const APP = 'file:///opt/Stance/resources/app.asar/out/renderer/index.html';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const START = '2026-03-02'; // a Monday
const ZONE = 'Europe/London';
const SEED = '5eed'.repeat(16);

async function setUp() {
  const { db, file, folder, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  let now = new Date(`${START}T07:00:00Z`);
  const handlers = createHandlers({
    db,
    now: () => now,
    timeZone: () => ZONE,
    version: 'test',
    databasePath: file,
    dataFolder: folder,
    backupsFolder: path.join(folder, 'backups'),
    restoreDatabase: () => Promise.reject(new Error('no restore in these tests')),
    openFolder: async () => true,
    experimentSeed: () => SEED,
  });
  const dispatch = createDispatch(handlers, { isTrustedPage: samePage(APP), logFault: () => undefined });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(channel as never, input as never, { url: `${APP}#experiment` });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const refusal = async (channel: string, input?: unknown): Promise<string> => {
    const result = await dispatch(channel as never, input as never, { url: `${APP}#experiment` });
    if (result.ok) throw new Error(`${channel} was not refused`);
    return result.error.message;
  };
  const setNow = (instant: string) => {
    now = new Date(instant);
  };
  return { db, call, refusal, setNow };
}

const draft = {
  routine: { exercises: [{ name: 'Banded single-leg squat (3/4 depth)', sets: 2, reps: 20, seconds: null, perSide: true }], minutes: 5 },
  length: { unit: 'weeks', weeks: 8 },
  scheme: 'run_day_blocks_of_4',
  startDate: START,
};

/**
 * Runs an 8-week experiment day by day: Today shown each morning, runs on Tue/Thu/Sat/Sun
 * evenings, the pain noted and the question answered while the experiment runs. `onsetFor` gives
 * the metres at which the knee began to hurt on run day k in an arm.
 */
async function runEightWeeks(setup: Awaited<ReturnType<typeof setUp>>, protocolId: number, onsetFor: (runDay: number, arm: string) => number) {
  const shown: ExperimentTodayLine[] = [];
  let runDay = 0;
  for (let day = 0; day < 56; day++) {
    const date = addDays(START, day);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    setup.setNow(`${date}T07:00:00Z`);
    const line = await setup.call<ExperimentTodayLine>('experiment:today');
    expect(line.protocolId).toBe(protocolId);
    if (![0, 2, 4, 6].includes(weekday)) continue;
    shown.push(line);
    setup.setNow(`${date}T19:30:00Z`);
    const run = await setup.call<{ id: number }>('runs:add', { localDate: date, localTime: '18:00', timeZone: ZONE, distanceMetres: 8_000, durationSeconds: 2_800 });
    await setup.call('pain:setForRun', {
      runId: run.id,
      status: 'pain',
      sites: [{ painOnsetMetres: onsetFor(runDay, line.arm), location: 'lateral_knee', side: 'left', worstScore: runDay === 5 ? 7 : 4, action: 'kept_going', notes: '' }],
    });
    if (line.state === 'running') await setup.call('experiment:answer', { runId: run.id, activationDone: line.arm === 'activation' && runDay !== 2 ? 'done' : 'not_done' });
    runDay += 1;
  }
  return shown;
}

/** No difference between the arms: the onset wanders with the run day only. */
const noEffect = (runDay: number) => 2_500 + ((runDay * 2_333) % 5_000);
/** Activation puts the pain off by 3 km on every run: every onset without it comes before every onset with it. */
const strongEffect = (runDay: number, arm: string) => (arm === 'activation' ? 5_000 : 2_000) + ((runDay * 373) % 1_000);

describe('the randomised experiment', () => {
  it('fixes a protocol with its moment and hash, draws each run day once, links runs and reports', async () => {
    const setup = await setUp();
    const protocol = await setup.call<ExperimentProtocol>('experiment:fix', draft);
    expect(protocol.fixedAt).toBe(`${START}T07:00:00Z`);
    expect(protocol.sha256).toBe(protocolSha256(protocol.canonical));
    expect(protocol.canonical).toBe(canonicalJson(protocol.contents));
    expect(protocol.contents.outcome).toEqual({ location: 'lateral_knee', side: 'either' });

    // Shown twice on the same morning: the same assignment, drawn once.
    const first = await setup.call<ExperimentTodayLine>('experiment:today');
    const again = await setup.call<ExperimentTodayLine>('experiment:today');
    expect(again).toEqual(first);
    expect(setup.db.prepare('SELECT count(*) AS n FROM experiment_assignments').get()).toEqual({ n: 1 });

    const shown = await runEightWeeks(setup, protocol.id, noEffect);
    expect(shown).toHaveLength(32);
    expect(shown.every((line) => line.state === 'running')).toBe(true);
    // Each run day's arm is the protocol's draw for that run day, in blocks of four with two of each.
    shown.forEach((line, index) => expect(line.arm).toBe(assignedArm(SEED, 'run_day_blocks_of_4', index)));
    expect(setup.db.prepare('SELECT count(*) AS n FROM experiment_runs').get()).toEqual({ n: 32 });

    setup.setNow(`${addDays(START, 56)}T08:00:00Z`);
    const result = await setup.call<ExperimentResult>('experiment:result', { protocolId: protocol.id });
    expect(result.finished).toBe(true);
    expect(result.weeksDone).toBe(8);
    expect(result.arms.map((arm) => arm.runs)).toEqual([16, 16]);
    expect(result.arms.map((arm) => arm.onsets)).toEqual([16, 16]);
    expect(result.verdict).toBe('no_difference_found');
    expect(result.randomisationP!).toBeGreaterThan(0.05);
    expect(result.estimate!.lower).toBeLessThan(1);
    expect(result.estimate!.upper).toBeGreaterThan(1);
    expect(result.analyses[result.analyses.length - 1]).toMatchObject({ week: 8, onsets: 32, runs: 32 });
    expect(result.harms).toEqual([{ runId: expect.any(Number), localDate: addDays(START, 10), worstScore: 7, arm: shown[5]!.arm }]);
    expect(result.arms[0].adherence).toEqual({ done: shown[2]!.arm === 'activation' ? 15 : 16, not_done: shown[2]!.arm === 'activation' ? 1 : 0, partly: 0, unanswered: 0 });
    expect(result.periods).toHaveLength(32);
    // After the planned end Today draws nothing more.
    const after = await setup.call<ExperimentTodayLine>('experiment:today');
    expect(after.state).toBe('finished');
    expect(setup.db.prepare('SELECT count(*) AS n FROM experiment_assignments').get()).toEqual({ n: 32 });
  });

  it('a clear effect is claimed at a planned analysis; then the experiment ends and draws no more', async () => {
    const setup = await setUp();
    const protocol = await setup.call<ExperimentProtocol>('experiment:fix', draft);
    const shown = await runEightWeeks(setup, protocol.id, strongEffect);
    const finishedAt = shown.findIndex((line) => line.state === 'finished');
    expect(finishedAt).toBeGreaterThan(0);
    expect(shown.slice(finishedAt).every((line) => line.state === 'finished')).toBe(true);
    const result = await setup.call<ExperimentResult>('experiment:result', { protocolId: protocol.id });
    expect(result.verdict).toBe('later_with_activation');
    expect(result.claimedAtWeek).toBeLessThan(8);
    // Complete separation: the hazard ratio runs off to 0, so the estimate is withheld with its reason.
    expect(result.estimate).toBeNull();
    expect(result.estimateProblem).toMatch(/infinite|every|separat/i);
    expect(result.arms[0].medianMetres).toBeGreaterThan(result.arms[1].medianMetres!);
    // Runs after the claim stay ordinary runs, listed as outside the experiment.
    expect(setup.db.prepare('SELECT count(*) AS n FROM experiment_runs').get()).toEqual({ n: finishedAt });
  });

  it('a run with no assignment shown before it stays an ordinary run, listed', async () => {
    const setup = await setUp();
    const protocol = await setup.call<ExperimentProtocol>('experiment:fix', draft);
    setup.setNow(`${addDays(START, 1)}T19:30:00Z`);
    await setup.call('runs:add', { localDate: addDays(START, 1), localTime: '18:00', timeZone: ZONE, distanceMetres: 8_000, durationSeconds: 2_800 });
    expect(setup.db.prepare('SELECT count(*) AS n FROM experiment_runs').get()).toEqual({ n: 0 });
    const result = await setup.call<ExperimentResult>('experiment:result', { protocolId: protocol.id });
    expect(result.runsOutside).toHaveLength(1);
    expect(result.deviations.join(' ')).toMatch(/no assignment was shown before it/);
  });
});

describe('what is fixed cannot be changed through any channel', () => {
  async function fixedWithAssignments() {
    const setup = await setUp();
    const protocol = await setup.call<ExperimentProtocol>('experiment:fix', draft);
    const line = await setup.call<ExperimentTodayLine>('experiment:today');
    setup.setNow(`${START}T19:30:00Z`);
    await setup.call('runs:add', { localDate: START, localTime: '18:00', timeZone: ZONE, distanceMetres: 8_000, durationSeconds: 2_800 });
    const snapshot = () => ({
      protocols: setup.db.prepare('SELECT * FROM experiment_protocols ORDER BY id').all(),
      assignments: setup.db.prepare('SELECT * FROM experiment_assignments ORDER BY id').all(),
    });
    return { ...setup, protocol, line, snapshot, before: snapshot() };
  }

  it('the window: no channel edits a protocol or an assignment; a second protocol is refused while one runs; a stop is recorded once', async () => {
    const { call, refusal, snapshot, before, protocol } = await fixedWithAssignments();
    // No channel of the contract can write a protocol's contents or an assignment's arm.
    expect(channelNames.filter((name) => name.startsWith('experiment:'))).toEqual([
      'experiment:setup',
      'experiment:fix',
      'experiment:stop',
      'experiment:today',
      'experiment:answer',
      'experiment:result',
    ]);
    expect(await refusal('experiment:fix', { ...draft, length: { unit: 'weeks', weeks: 4 } })).toMatch(/already running/);
    expect(await refusal('experiment:fix', { ...draft, protocolId: protocol.id })).toBeTruthy();
    expect(await refusal('experiment:stop', { protocolId: protocol.id, reason: '' })).toMatch(/why/);
    expect(snapshot()).toEqual(before);
    await call('experiment:stop', { protocolId: protocol.id, reason: 'Knee too sore to run for a month' });
    expect(await refusal('experiment:stop', { protocolId: protocol.id, reason: 'another reason' })).toMatch(/already stopped/);
    const after = snapshot();
    expect(after.assignments).toEqual(before.assignments);
    expect((after.protocols[0] as { contents: string }).contents).toBe((before.protocols[0] as { contents: string }).contents);
    expect((after.protocols[0] as { stop_reason: string }).stop_reason).toBe('Knee too sore to run for a month');
  });

  it('SQL itself: the database refuses to update or delete a fixed protocol or a drawn assignment', async () => {
    const { db, snapshot, before } = await fixedWithAssignments();
    expect(() => db.prepare("UPDATE experiment_protocols SET contents = replace(contents, '\"weeks\":8', '\"weeks\":4')").run()).toThrow(/fixed once stored/);
    expect(() => db.prepare("UPDATE experiment_protocols SET content_sha256 = 'a'").run()).toThrow(/fixed once stored/);
    expect(() => db.prepare("UPDATE experiment_protocols SET fixed_at = '2020-01-01T00:00:00.000Z'").run()).toThrow(/fixed once stored/);
    expect(() => db.prepare('DELETE FROM experiment_protocols').run()).toThrow(/kept once fixed/);
    expect(() => db.prepare("UPDATE experiment_assignments SET arm = CASE arm WHEN 'activation' THEN 'none' ELSE 'activation' END").run()).toThrow(/drawn once/);
    expect(() => db.prepare('UPDATE experiment_assignments SET unit_index = unit_index + 1').run()).toThrow(/drawn once/);
    expect(() => db.prepare("UPDATE experiment_assignments SET local_date = '2026-03-09'").run()).toThrow(/set once/);
    expect(() => db.prepare('DELETE FROM experiment_assignments').run()).toThrow(/kept once drawn/);
    expect(() => db.prepare('UPDATE experiment_runs SET assignment_id = assignment_id + 1').run()).toThrow(/kept once linked/);
    expect(snapshot()).toEqual(before);
  });

  it('an import: a file whose protocol was altered is refused, and a file with other arms changes nothing', async () => {
    const { db, snapshot, before } = await fixedWithAssignments();
    const file = exportData(db, new Date(`${START}T20:00:00Z`));
    // 1. Contents altered, hash left: refused by the one validator, nothing written.
    const altered = structuredClone(file);
    altered.tables.experiment_protocols[0]!.contents = String(altered.tables.experiment_protocols[0]!.contents).replace('"weeks":8', '"weeks":4');
    expect(() => importStanceExport(db, altered, new Date(`${START}T20:00:00Z`))).toThrow(/fingerprint/);
    // 2. Contents and hash both altered: a different protocol, which cannot replace the stored one.
    const rehashed = structuredClone(altered);
    const contents = String(rehashed.tables.experiment_protocols[0]!.contents);
    rehashed.tables.experiment_protocols[0]!.content_sha256 = protocolSha256(contents);
    // 3. The same protocol with an assignment's arm flipped: recognised, its assignments not rewritten.
    const flipped = structuredClone(file);
    const assignment = flipped.tables.experiment_assignments[0]!;
    assignment.arm = assignment.arm === 'activation' ? 'none' : 'activation';
    importStanceExport(db, flipped, new Date(`${START}T20:00:00Z`));
    expect(snapshot()).toEqual(before);
    // 4. An export brings the experiment back whole into an empty database.
    const fresh = await openTempDatabase();
    cleanups.push(fresh.cleanup);
    importStanceExport(fresh.db, file, new Date(`${START}T20:00:00Z`));
    expect(fresh.db.prepare('SELECT contents, content_sha256, fixed_at FROM experiment_protocols').all()).toEqual(
      db.prepare('SELECT contents, content_sha256, fixed_at FROM experiment_protocols').all(),
    );
    expect(fresh.db.prepare('SELECT unit_index, arm, drawn_at, local_date FROM experiment_assignments').all()).toEqual(
      db.prepare('SELECT unit_index, arm, drawn_at, local_date FROM experiment_assignments').all(),
    );
    expect(fresh.db.prepare('SELECT count(*) AS n FROM experiment_runs').get()).toEqual({ n: 1 });
  });
});
