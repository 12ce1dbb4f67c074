/**
 * The window's reconciliation of an import job (src-renderer/src/api/import-job-state.ts) against
 * what main really sends (import/job-events.ts pushing, `jobView` answering `imports:status`):
 * whatever the events' order, however often one comes, and whichever are lost, the catch-up read
 * from the first missing index fills the gap exactly — every outcome once, in the import's order,
 * the summary kept, the job finished only then. Generated deliveries (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyView, gapFrom, isFinished, needsDate, startedJob, withImportAgain, type ImportJobState } from '../../../src-renderer/src/api/import-job-state';
import { jobView, pushJobEvents } from '../../../src-main/import/job-events';
import type { ImportJob } from '../../../src-main/import/jobs';
import type { ActivityOutcome } from '../../../src-main/import/activities';
import type { ImportJobView } from '../../../src-main/shared/import';

const outcome = (index: number): ActivityOutcome => ({
  file: 'export.zip', entry: `activities/${index}.fit`, recording: null, track: null, untimed: false,
  status: index % 4 === 3 ? 'skipped' : 'imported', sport: null, reason: null, code: null,
  runId: index + 1, distanceMetres: 5000, points: 900, startedAt: null, warnings: [], format: 'fit', deviceName: null,
});

/** A job as main holds it, driven by hand: each step adds outcomes (and progress); the last ends it. */
function fakeJob(): { job: ImportJob; step: (outcomes: number) => void; end: () => void } {
  const listeners = new Set<() => void>();
  const job: ImportJob = {
    progress: { filesRead: 0, filesTotal: 100, runsImported: 0, currentFile: null },
    outcomes: [], summary: null, failure: null,
    cancel: () => undefined, finished: Promise.resolve(),
    onChange: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  };
  const tell = () => [...listeners].forEach((listener) => listener());
  return {
    job,
    step: (count) => {
      for (let k = 0; k < count; k++) job.outcomes.push(outcome(job.outcomes.length));
      job.progress.filesRead += 1;
      tell();
    },
    end: () => {
      job.summary = { imported: 0, duplicate: 0, skipped: 0, refused: 0, otherFiles: 0, held: [], notes: [], whatItHeld: null, cancelled: false, gearOffered: [] };
      tell();
    },
  };
}

/** Runs a job of `steps`, with a clock that moves `gapsMs` between steps; every event main pushes, in order. */
function eventsOf(steps: number[], gapsMs: number[]): { events: ImportJobView[]; job: ImportJob } {
  const { job, step, end } = fakeJob();
  let clock = 0;
  const timers: { at: number; run: () => void }[] = [];
  const events: ImportJobView[] = [];
  pushJobEvents(7, job, (view) => events.push(JSON.parse(JSON.stringify(view)) as ImportJobView), {
    now: () => clock,
    setTimer: (run, ms) => timers.push({ at: clock + ms, run }),
  });
  const advance = (to: number) => {
    for (;;) {
      const due = timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      timers.splice(timers.indexOf(due), 1);
      clock = Math.max(clock, due.at);
      due.run();
    }
    clock = to;
  };
  steps.forEach((count, index) => {
    step(count);
    advance(clock + (gapsMs[index] ?? 0));
  });
  end();
  return { events, job };
}

/** The window: applies events as delivered, then reads `imports:status` while a gap is known (as the hook does), and once at the end if nothing said the job ended. */
function windowSees(delivered: ImportJobView[], job: ImportJob): { state: ImportJobState; reads: number } {
  let state = startedJob(7, 100, null);
  let reads = 0;
  const catchUp = () => {
    for (let from = gapFrom(state); from !== null; from = gapFrom(state)) {
      reads += 1;
      state = applyView(state, jobView(7, job, from));
    }
  };
  for (const view of delivered) {
    state = applyView(state, view);
    catchUp();
  }
  if (!isFinished(state)) {
    reads += 1; // the silence read
    state = applyView(state, jobView(7, job, state.outcomes.length));
    catchUp();
  }
  return { state, reads };
}

const deliveries = fc.record({
  steps: fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 40 }),
  gaps: fc.array(fc.nat({ max: 250 }), { maxLength: 40 }),
  // For each event: how many copies arrive (0: lost), and a sort key that reorders them.
  fates: fc.array(fc.record({ copies: fc.nat({ max: 2 }), key: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 200 }),
  shuffle: fc.boolean(),
});

describe('the window puts an import together by outcome index', () => {
  it('every outcome once, in order, the summary kept — events reordered, repeated or lost, the catch-up read filling the gap', () => {
    fc.assert(
      fc.property(deliveries, ({ steps, gaps, fates, shuffle }) => {
        const { events, job } = eventsOf(steps, gaps);
        const copies = events.flatMap((view, index) => Array.from({ length: fates[index]?.copies ?? 1 }, () => ({ view, key: fates[index]?.key ?? index })));
        const delivered = shuffle ? [...copies].sort((a, b) => a.key - b.key).map((copy) => copy.view) : copies.map((copy) => copy.view);
        const { state } = windowSees(delivered, job);
        expect(state.outcomes.map((o) => o.entry)).toEqual(job.outcomes.map((o) => o.entry));
        expect(state.summary).toEqual(job.summary);
        expect(isFinished(state)).toBe(true);
        expect(state.progress).toEqual(job.progress);
      }),
      { numRuns: 400 },
    );
  });

  it('with every event delivered in order, nothing is read: the events alone carry the job', () => {
    fc.assert(
      fc.property(deliveries, ({ steps, gaps }) => {
        const { events, job } = eventsOf(steps, gaps);
        const { state, reads } = windowSees(events, job);
        expect(reads).toBe(0);
        expect(state.outcomes).toHaveLength(job.outcomes.length);
      }),
      { numRuns: 200 },
    );
  });

  it('main pushes at most one event per 100 ms, and always the final one', () => {
    fc.assert(
      fc.property(deliveries, ({ steps, gaps }) => {
        const { events, job } = eventsOf(steps, gaps);
        const sent = events.map((view) => view.outcomes.length);
        expect(sent.reduce((a, b) => a + b, 0)).toBe(job.outcomes.length);
        expect(events[events.length - 1]?.summary).not.toBeNull();
        // Steps closer than 100 ms share events: never more events than 100 ms windows plus the final one.
        const total = gaps.slice(0, steps.length).reduce((a, b) => a + b, 0);
        expect(events.length).toBeLessThanOrEqual(Math.floor(total / 100) + 2);
      }),
      { numRuns: 200 },
    );
  });

  it('news of more outcomes than one event carries goes as several, in order, the summary only with the last', () => {
    const { job, step, end } = fakeJob();
    const events: ImportJobView[] = [];
    pushJobEvents(7, job, (view) => events.push(view), { now: () => 0, setTimer: () => undefined });
    step(12_000); // a timer is asked for and never fires: the end sends everything
    end();
    expect(events.map((view) => [view.from, view.outcomes.length, view.summary !== null])).toEqual([
      [0, 5_000, false],
      [5_000, 5_000, false],
      [10_000, 2_000, true],
    ]);
    const { state, reads } = windowSees(events, job);
    expect([state.outcomes.length, reads, isFinished(state)]).toEqual([12_000, 0, true]);
  });

  it('a late event does not move progress back, nor a view of another job change anything', () => {
    const { events, job } = eventsOf([3, 3, 3], [150, 150, 150]);
    let state = startedJob(7, 100, null);
    for (const view of events) state = applyView(state, view);
    const before = state;
    expect(applyView(state, events[0] as ImportJobView)).toBe(before);
    expect(applyView(state, { ...(events[1] as ImportJobView), jobId: 8 })).toBe(before);
    expect(state.progress.filesRead).toBe(job.progress.filesRead);
  });
});

describe('an outcome the runner can date', () => {
  const base = { ...outcome(0), file: 'forest.gpx', entry: null, format: 'gpx' as const, status: 'refused' as const, runId: null, distanceMetres: null, points: null };
  const untimed = { ...base, code: 'needs-start-time' as const, reason: "This file has no times, so Stance cannot tell when the run was or how long it took — nothing was imported. Give the run's date, start time and duration to import its distance with an average pace." };
  const tenDays = { ...base, code: 'longer-than-one-run' as const, reason: "This file's times span more than ten days, so they cannot time one run (a watch with a wrong clock?). Nothing was imported." };

  it('is decided on the code alone: swapping the two reasons changes nothing', () => {
    expect(needsDate(untimed)).toBe(true);
    expect(needsDate(tenDays)).toBe(false);
    expect(needsDate({ ...untimed, reason: tenDays.reason })).toBe(true);
    expect(needsDate({ ...tenDays, reason: untimed.reason })).toBe(false);
    expect(needsDate({ ...untimed, entry: 'activities/1.gpx' })).toBe(false); // inside an archive: not sent alone
  });

  it('imported again with a date, its answer takes its place; a recording already in is kept as imported', () => {
    const first = { ...outcome(1), file: 'forest.gpx', entry: null, track: { index: 1, name: 'Morning' } };
    const second = { ...untimed, track: { index: 2, name: 'Evening' } };
    const again = [
      { ...first, status: 'duplicate' as const, code: 'same-points' as const, reason: 'Already in Stance.' },
      { ...second, status: 'imported' as const, code: null, reason: null, runId: 9, untimed: true },
    ];
    const list = withImportAgain([first, second, outcome(5)], 'forest.gpx', again);
    expect(list.map((o) => [o.track?.index ?? null, o.status])).toEqual([[1, 'imported'], [2, 'imported'], [null, 'imported']]);
    expect(list[1]).toMatchObject({ runId: 9, untimed: true });
  });
});
