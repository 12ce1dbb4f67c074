import { afterEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { readInsights, setExampleHidden, startAnalysisPeriod } from '../../src-main/db/services/insights';
import { setRunPain } from '../../src-main/db/pain';
import { addStrengthSession } from '../../src-main/db/strength';
import { insightsQuerySchema } from '../../src-main/shared/contract-insights';
import { runPainSchema } from '../../src-main/shared/contract-pain';
import { strengthSessionDraftSchema } from '../../src-main/shared/contract-strength';
import { openTempDatabase } from '../support/temp-db';
import { exportData } from '../../src-main/db/services/export';
import { importStanceExport, parseStanceExport } from '../../src-main/db/services/import-json';
import { writeGeneratedHistory } from '../support/history';
import { writeRealHistory } from '../support/real-history';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function database(): Promise<StanceDatabase> {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  return db;
}

const now = new Date('2026-11-21T10:00:00Z');
const insightsOf = (db: StanceDatabase, query: unknown = {}) => readInsights(db, insightsQuerySchema.parse(query), now, 'Europe/London');

describe('analysis periods in a real SQLite file', () => {
  it('a new analysis starts only once the current one has its verdict, after its last run; the first keeps its verdict', async () => {
    const undecided = await database();
    writeRealHistory(undecided, { withOldRuns: false });
    expect(() => startAnalysisPeriod(undecided, '2026-11-25', now, 'Europe/London')).toThrow(/has not reached its verdict yet/);
    expect(insightsOf(undecided).fixed.periods).toHaveLength(1);

    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2, hazardRatio: 5 });
    const before = insightsOf(db);
    expect(before.verdict).toBe('earlier_when_skipped');
    expect(before.fixed.canStartNew).toBe(true);
    expect(() => startAnalysisPeriod(db, '2026-11-20', now, 'Europe/London')).toThrow(/must start after the last run/);
    const after = startAnalysisPeriod(db, '2026-11-21', now, 'Europe/London');
    expect(after.fixed.periods).toHaveLength(2);
    expect(after.fixed.periods[0]).toMatchObject({ verdict: 'earlier_when_skipped', to: '2026-11-20', current: false });
    expect(after.fixed.periods[1]).toMatchObject({ from: '2026-11-21', current: true });
    // The page's verdict is now the new analysis's (no runs yet); the first stays listed with its own.
    expect(after.verdict).toBe('too_little');
    expect(insightsOf(db).fixed.periods[0]!.verdict).toBe('earlier_when_skipped');

    // The periods are the runner's data: an export brings them back into a new database, and
    // the restored Insights show the same two analyses with the same verdicts (they were lost
    // when the starts lived in an internal setting).
    const restored = await database();
    importStanceExport(restored, parseStanceExport(JSON.stringify(exportData(db, now))), now);
    expect(insightsOf(restored).fixed.periods).toEqual(insightsOf(db).fixed.periods);
    expect(insightsOf(restored).fixed.periods).toHaveLength(2);
    // A start refused by the table's rule (after tomorrow) changes nothing.
    expect(() => startAnalysisPeriod(db, '2027-03-01', now, 'Europe/London')).toThrow();
    expect(insightsOf(db).fixed.periods).toHaveLength(2);
  });
});

describe('Insights from a real SQLite file', () => {
  it('finds a strong effect, with its hazard ratio and interval, and says it is not proof of cause', async () => {
    const db = await database();
    const history = writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2, hazardRatio: 5 });
    const insights = insightsOf(db);
    expect(insights.source).toBe('yours');
    expect(insights.verdict).toBe('earlier_when_skipped');
    const exposure = insights.model.exposure!;
    expect(exposure.hazardRatio).toBeGreaterThan(2);
    expect(exposure.lower).toBeGreaterThan(1);
    expect(insights.model.sequential.claimedAt).not.toBeNull();
    expect(insights.model.permutation!.pValue).toBeLessThan(0.05);
    // Every run is accounted for: analysed, sore at the start, or left out because its pain was never recorded.
    const unrecorded = history.runs.filter((run) => run.painStatus === 'unrecorded').length;
    expect(insights.counts.runsInRange).toBe(history.runs.length);
    expect(insights.counts.unrecordedLeftOut).toBe(unrecorded);
    expect(insights.counts.analysed + insights.counts.soreAtStart + unrecorded).toBe(history.runs.length);
    expect(insights.counts.usual + insights.counts.skipped + insights.counts.noGluteSessionYet).toBe(insights.counts.analysed);
    expect(insights.counts.painEvents + insights.counts.painFree).toBe(insights.counts.analysed);
    expect(insights.load.days.length).toBeGreaterThan(300);
  });

  it('claims nothing when glute work makes no difference, and shows the same p on every open', async () => {
    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: false });
    const insights = insightsOf(db);
    expect(['cannot_tell_yet', 'no_clear_difference']).toContain(insights.verdict);
    expect(insights.model.sequential.claim).toBeNull();
    expect(insights.model.exposure!.lower).toBeLessThan(1);
    expect(insightsOf(db).model.permutation).toEqual(insights.model.permutation);
  });

  it('says there is too little to tell with three weeks of runs', async () => {
    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', days: 21, seed: 5 });
    const insights = insightsOf(db);
    expect(insights.verdict).toBe('too_little');
    expect(insights.model.sequential.claim).toBeNull();
  });

  it('filters by date, location and side', async () => {
    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2 });
    const all = insightsOf(db);
    const autumn = insightsOf(db, { fromDate: '2026-09-01', toDate: '2026-11-30' });
    expect(autumn.counts.runsInRange).toBeLessThan(all.counts.runsInRange);
    expect(autumn.runs.every((run) => run.localDate >= '2026-09-01')).toBe(true);
    expect(autumn.range).toEqual({ from: '2026-09-01', to: '2026-11-30', isDefault: false });
    const front = insightsOf(db, { location: 'front_knee' });
    expect(front.counts.painEvents).toBeLessThan(all.counts.painEvents);
    const right = insightsOf(db, { side: 'right' });
    expect(right.counts.painEvents).toBeLessThan(all.counts.painEvents);
    expect(() => insightsQuerySchema.parse({ fromDate: '2026-12-01', toDate: '2026-11-01' })).toThrow(/first date is after the last/);
  });

  it('shows the example, never stored, with a realistic effect, until the runner has data of their own or hides it', async () => {
    const db = await database();
    const example = insightsOf(db);
    expect(example.source).toBe('example');
    expect(example.counts.analysed).toBeGreaterThan(100);
    // A hazard ratio of 2 was put in: the estimate is in that region, not 6.
    expect(example.model.exposure!.hazardRatio).toBeGreaterThan(1.2);
    expect(example.model.exposure!.hazardRatio).toBeLessThan(4);
    expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(0);
    setExampleHidden(db, true);
    expect(insightsOf(db)).toMatchObject({ source: 'yours', exampleHidden: true, hasOwnData: false, runs: [] });
    setExampleHidden(db, false);
    writeGeneratedHistory(db, { endDate: '2026-11-20', days: 14, seed: 1 });
    expect(insightsOf(db)).toMatchObject({ source: 'yours', hasOwnData: true });
  });
});

describe('the data the exposure needs, saved and read back', () => {
  it('a glute session on a run’s day counts for that run only when saved as done before it', async () => {
    const db = await database();
    writeRealHistory(db, { withOldRuns: false });
    const lastRun = insightsOf(db).runs.at(-1)!;
    expect(lastRun.localDate).toBe('2026-11-20');
    const before = lastRun.daysSinceGluteSession!;
    expect(before).toBeGreaterThan(0);
    const exercise = (db.prepare("SELECT id FROM exercises WHERE category = 'glute_hip' LIMIT 1").get() as { id: number }).id;
    const session = (sameDayRun?: 'before' | 'after') =>
      strengthSessionDraftSchema.parse({
        localDate: '2026-11-20',
        sameDayRun,
        exercises: [{ exerciseId: exercise, sets: [{ setNumber: 1, amount: 20 }] }],
      });
    const after = addStrengthSession(db, session(), now, 'Europe/London');
    expect(after.sameDayRun).toBe('after'); // the documented default
    expect(insightsOf(db).runs.at(-1)!.daysSinceGluteSession).toBe(before);
    const first = addStrengthSession(db, { ...session('before'), saveAnyway: true }, now, 'Europe/London'); // the same content again: a second session, on purpose
    expect(first.sameDayRun).toBe('before');
    expect(insightsOf(db).runs.at(-1)!.daysSinceGluteSession).toBe(0);
  });

  it('pain already there at the start is set apart, and runs cut short because of the knee get their check', async () => {
    const db = await database();
    writeRealHistory(db, { withOldRuns: false });
    const ids = (db.prepare("SELECT id FROM runs WHERE pain_status = 'none' ORDER BY local_date").all() as { id: number }[]).map((row) => row.id);
    const before = insightsOf(db);
    const saved = setRunPain(
      db,
      runPainSchema.parse({
        runId: ids[0],
        status: 'pain',
        sites: [{ painOnsetMetres: 2000, location: 'lateral_knee', side: 'left', worstScore: 3, action: 'kept_going', presentAtStart: true }],
      }),
      now,
    );
    expect(saved.sites[0]).toMatchObject({ presentAtStart: true, painOnsetMetres: 0 });
    setRunPain(db, runPainSchema.parse({ runId: ids[1], status: 'none', cutShort: true }), now);
    expect(setRunPain(db, runPainSchema.parse({ runId: ids[2], status: 'none', cutShort: true }), now).cutShort).toBe(true);
    const after = insightsOf(db);
    expect(after.counts.soreAtStart).toBe(1);
    expect(after.soreAtStartRuns.map((run) => run.runId)).toEqual([ids[0]]);
    expect(after.runs.map((run) => run.runId)).not.toContain(ids[0]);
    // It is not an onset at 0 m: the onsets are the same as before.
    expect(after.counts.painEvents).toBe(before.counts.painEvents);
    expect(after.counts.cutShort).toBe(2);
    expect(after.model.cutShortSensitivity).toMatchObject({ runs: 2 });
  });
});

describe('timelines on a real history: a month of runs beside a 2010 and a 2023 import', () => {
  it('by default covers the whole analysis: from the first run with a pain note to the last run', async () => {
    const db = await database();
    writeRealHistory(db);
    const insights = insightsOf(db);
    const firstNoted = insights.fixed.periods[0]!.from;
    expect(insights.range).toEqual({ from: firstNoted, to: '2026-11-20', isDefault: true });
    expect(insights.fixed.periods[0]!.to).toBe('2026-11-20');
    expect(insights.firstRunDate).toBe('2010-06-12');
    expect(insights.weeks[0]!.weekStart >= '2026-10-14').toBe(true);
    expect(insights.weeks.length).toBeLessThanOrEqual(6);
    // The load measures need history: the first 28–30 days of running have none.
    expect(insights.load.days[0]!.ratio).toBeNull();
    expect(insights.load.days.filter((day) => day.ratio !== null).length).toBeLessThanOrEqual(4);
    expect(insights.load.jumps).toEqual([]);
    expect(insights.load.longRuns.filter((run) => run.longestPrevious30DaysMetres !== null).length).toBeLessThanOrEqual(1);
  });

  it('over all the years, draws the gaps as breaks and never counts them, a partial edge week, or a week without a plan as missed', async () => {
    const db = await database();
    writeRealHistory(db);
    const insights = insightsOf(db, { fromDate: '2010-01-01' });
    const weeks = insights.weeks;
    // 2010, 2023 and this autumn: three stretches, two breaks, not 16 years of weeks.
    expect(weeks.filter((week) => week.gapWeeksBefore > 0).map((week) => week.weekStart.slice(0, 4))).toEqual(['2023', '2026']);
    expect(weeks.length).toBeLessThan(12);
    // The weeks next to the breaks and at the edges are partial; weeks before the first plan have none: neither is "missed".
    expect(weeks.filter((week) => week.missed).every((week) => !week.partial && week.gluteSessionsPlanned !== null)).toBe(true);
    expect(weeks.filter((week) => week.weekStart < '2026-01-01').every((week) => week.gluteSessionsPlanned === null && !week.missed)).toBe(true);
    // The load ratio restarts after each break: "not enough history" for 28 days, never a false jump.
    const resumed = insights.load.days.findIndex((day) => day.date >= '2026-10-21');
    expect(insights.load.days.slice(resumed, resumed + 27).every((day) => day.ratio === null)).toBe(true);
    expect(insights.load.jumps).toEqual([]);
    expect(insights.load.days.filter((day) => day.gapWeeksBefore > 0)).toHaveLength(2);
  });
});
