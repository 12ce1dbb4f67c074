import { afterEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { readInsights, setExampleHidden } from '../../src-main/db/insights';
import { insightsQuerySchema } from '../../src-main/shared/contract-insights';
import { openTempDatabase } from '../support/temp-db';
import { writeGeneratedHistory } from '../support/history';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function database(): Promise<StanceDatabase> {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  return db;
}

const now = new Date('2026-11-21T10:00:00Z');
const insightsOf = (db: StanceDatabase, query: unknown = {}) => readInsights(db, insightsQuerySchema.parse(query), now, 'Europe/London');

describe('Insights from a real SQLite file', () => {
  it('finds that skipped weeks bring the pain on earlier, when in this runner’s history they do', async () => {
    const db = await database();
    const history = writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: true });
    const insights = insightsOf(db);
    expect(insights.source).toBe('yours');
    expect(insights.verdict).toBe('earlier_when_skipped');
    const { onPlan, skipped, logRank } = insights.survival;
    expect(logRank!.pValue).toBeLessThan(0.01);
    expect(skipped.median!).toBeLessThan(onPlan.median ?? Infinity);
    // Every run is accounted for: analysed, or left out because its pain was never recorded.
    const unrecorded = history.runs.filter((run) => run.painStatus === 'unrecorded').length;
    expect(insights.counts).toMatchObject({ runsInRange: history.runs.length, unrecordedLeftOut: unrecorded, analysed: history.runs.length - unrecorded });
    expect(insights.counts.onPlan + insights.counts.skipped).toBe(insights.counts.analysed);
    expect(insights.counts.painEvents + insights.counts.painFree).toBe(insights.counts.analysed);
    expect(insights.weeks.reduce((sum, week) => sum + week.gluteSessionsDone, 0)).toBeGreaterThan(0);
    expect(insights.load.days.length).toBeGreaterThan(300);
  });

  it('claims nothing when skipped weeks make no difference', async () => {
    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: false });
    const insights = insightsOf(db);
    expect(insights.verdict).toBe('no_clear_difference');
    expect(insights.survival.logRank!.pValue).toBeGreaterThanOrEqual(0.05);
  });

  it('says there is too little to tell with three weeks of runs', async () => {
    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', days: 21, seed: 5 });
    expect(insightsOf(db).verdict).toBe('too_little');
  });

  it('filters by date, location and side', async () => {
    const db = await database();
    writeGeneratedHistory(db, { endDate: '2026-11-20', seed: 2 });
    const all = insightsOf(db);
    const autumn = insightsOf(db, { fromDate: '2026-09-01', toDate: '2026-11-30' });
    expect(autumn.counts.runsInRange).toBeLessThan(all.counts.runsInRange);
    expect(autumn.runs.every((run) => run.localDate >= '2026-09-01')).toBe(true);
    const front = insightsOf(db, { location: 'front_knee' });
    expect(front.counts.analysed).toBe(all.counts.analysed);
    expect(front.counts.painEvents).toBeLessThan(all.counts.painEvents);
    const right = insightsOf(db, { side: 'right' });
    expect(right.counts.painEvents).toBeLessThan(all.counts.painEvents);
    expect(() => insightsQuerySchema.parse({ fromDate: '2026-12-01', toDate: '2026-11-01' })).toThrow(/first date is after the last/);
  });

  it('shows the example, never stored, until the runner has data of their own or hides it', async () => {
    const db = await database();
    const example = insightsOf(db);
    expect(example.source).toBe('example');
    expect(example.counts.analysed).toBeGreaterThan(100);
    expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(0);
    setExampleHidden(db, true);
    expect(insightsOf(db)).toMatchObject({ source: 'yours', exampleHidden: true, hasOwnData: false, runs: [] });
    setExampleHidden(db, false);
    writeGeneratedHistory(db, { endDate: '2026-11-20', days: 14, seed: 1 });
    expect(insightsOf(db)).toMatchObject({ source: 'yours', hasOwnData: true });
  });
});
