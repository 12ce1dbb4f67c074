/**
 * Issue 22 made the Insights faster without changing a single number: the verdict, the model
 * summary, the milestones, every count, curve, week and load point must stay bit for bit what they
 * were. This test computes the Insights (computeInsights, the fixed analysis alone, and readInsights
 * from a real SQLite file) for generated histories of many kinds — every scenario of the proof's
 * simulation (scripts/insights-scenarios.ts), the example generator with and without an effect, with
 * few and many unnoted runs, with glute work done before a run on its day, with later analysis
 * periods, other main complaints, and views chosen at random (dates, site, side) — and compares a
 * SHA-256 digest of each result's JSON (JSON keeps every double exactly) with the digests stored in
 * reference/insights-unchanged.json, which were written by the code BEFORE the speed work.
 *
 * A difference names the case and its verdict, so it can be reproduced. After a deliberate change
 * to the analysis (never for speed), rewrite the file with STANCE_WRITE_INSIGHTS_DIGESTS=1.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeInsights } from '../../src-main/analysis/insights';
import { fixedAnalysis } from '../../src-main/analysis/fixed-analysis';
import { clearAnalysisCaches } from '../../src-main/analysis/primary-model';
import { generateHistory, seededRandom, toInsightsHistory, type ExampleOptions } from '../../src-main/analysis/example-history';
import type { InsightsHistory } from '../../src-main/analysis/exposure';
import { addDays } from '../../src-main/shared/calendar';
import type { MainComplaint } from '../../src-main/shared/domain';
import { insightLocations, insightSides, type InsightsFilters } from '../../src-main/shared/insights';
import { readInsights } from '../../src-main/db/services/insights';
import { openStanceDatabase } from '../../src-main/db/open';
import { scenarios, simulateRunner } from '../../scripts/insights-scenarios';
import { writeGeneratedHistory } from '../support/history';

const referenceFile = path.join(__dirname, 'reference', 'insights-unchanged.json');
const writing = process.env.STANCE_WRITE_INSIGHTS_DIGESTS === '1';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

interface Case {
  name: string;
  history: () => InsightsHistory;
  complaint: MainComplaint;
  periodStarts: string[];
  seed: number;
}

/** Marks every k-th glute session that falls on a run day as done before the run. */
function withSessionsBeforeRuns(history: InsightsHistory, every: number): InsightsHistory {
  const runDays = new Set(history.runs.map((run) => run.localDate));
  const sameDay = history.gluteSessionDates.filter((date) => runDays.has(date));
  return { ...history, beforeRunSessionDates: sameDay.filter((_, index) => index % every === 0) };
}

function lastDate(history: InsightsHistory): string {
  return history.runs.reduce((last, run) => (run.localDate > last ? run.localDate : last), '0000-01-01');
}

function firstDate(history: InsightsHistory): string {
  return history.runs.reduce((first, run) => (run.localDate < first ? run.localDate : first), '9999-12-31');
}

const either: MainComplaint = { location: 'lateral_knee', side: 'either' };
const cases: Case[] = [];
scenarios.forEach((scenario, index) => {
  cases.push({ name: `scenario ${scenario.name}, 2 years`, history: () => simulateRunner(scenario, 1000 + index, 2), complaint: either, periodStarts: [], seed: index });
});
for (const scenario of scenarios.filter((_, index) => index % 4 === 1)) {
  cases.push({ name: `scenario ${scenario.name}, 3 years, a second period`, history: () => simulateRunner(scenario, 77, 3), complaint: either, periodStarts: ['2026-03-02'], seed: 99 });
}
const generated: [string, ExampleOptions][] = [
  ['example year, effect', { endDate: '2026-11-20', seed: 4 }],
  ['two years, no effect', { endDate: '2026-06-30', days: 730, seed: 11, skippingBringsPainEarlier: false }],
  ['three years, HR 3, 60% noted', { endDate: '2025-12-31', days: 1095, seed: 12, hazardRatio: 3, recordedShare: 0.6 }],
  ['four years, every run noted, 6 a week', { endDate: '2026-11-20', days: 1460, seed: 13, recordedShare: 1, runsPerWeek: 6 }],
  ['half a year, 3 a week', { endDate: '2026-03-01', days: 180, seed: 14, runsPerWeek: 3 }],
  ['six weeks', { endDate: '2026-03-01', days: 42, seed: 15 }],
  ['ten years, 7 a week (the bench)', { endDate: '2026-11-20', days: 3650, runsPerWeek: 7, seed: 10 }],
];
for (const [name, options] of generated) {
  cases.push({ name: `generated: ${name}`, history: () => toInsightsHistory(generateHistory(options)), complaint: either, periodStarts: [], seed: options.seed ?? 0 });
}
cases.push({
  name: 'generated: two years, sessions before runs, left knee',
  history: () => withSessionsBeforeRuns(toInsightsHistory(generateHistory({ endDate: '2026-06-30', days: 730, seed: 21 })), 2),
  complaint: { location: 'lateral_knee', side: 'left' },
  periodStarts: [],
  seed: 21,
});
cases.push({
  name: 'generated: three years, front of the knee, a period start',
  history: () => withSessionsBeforeRuns(toInsightsHistory(generateHistory({ endDate: '2026-06-30', days: 1095, seed: 22, hazardRatio: 2.5 })), 3),
  complaint: { location: 'front_knee', side: 'either' },
  periodStarts: ['2025-09-01'],
  seed: 22,
});

/** Three views chosen from the case's seed: the default, another range, and another site and side. */
function viewsOf(history: InsightsHistory, complaint: MainComplaint, seed: number): InsightsFilters[] {
  const random = seededRandom(seed * 7919 + 3);
  const first = firstDate(history);
  const last = lastDate(history);
  const span = Math.max(1, Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000));
  const location = complaint.location;
  const side = complaint.side === 'either' ? 'any' : complaint.side;
  const from = addDays(first, Math.floor(random() * span));
  return [
    { fromDate: null, toDate: null, location, side },
    { fromDate: '2000-01-01', toDate: null, location, side },
    { fromDate: from, toDate: addDays(from, Math.floor(random() * span)), location, side },
    {
      fromDate: random() < 0.5 ? null : from,
      toDate: null,
      location: insightLocations[Math.floor(random() * insightLocations.length)]!,
      side: insightSides[Math.floor(random() * insightSides.length)]!,
    },
  ];
}

function digestsOf(item: Case): { verdict: string; digests: string[] } {
  const history = item.history();
  const digests: string[] = [];
  let verdict = 'none';
  viewsOf(history, item.complaint, item.seed).forEach((filters, index) => {
    // Alternate a cold and a warm start, so that whatever a cache keeps cannot change a result.
    if (index % 2 === 0) clearAnalysisCaches();
    const insights = computeInsights(history, filters, index % 2 === 0 ? 1 : 0, { complaint: item.complaint, periodStarts: item.periodStarts });
    if (index === 0) verdict = insights.verdict;
    digests.push(digest(insights));
  });
  digests.push(digest(fixedAnalysis(history, item.complaint, item.periodStarts, { verdictOnly: true })));
  return { verdict, digests };
}

describe('the Insights are bit for bit what they were before the speed work (issue 22)', () => {
  const stored = fs.existsSync(referenceFile) ? (JSON.parse(fs.readFileSync(referenceFile, 'utf8')) as Record<string, { verdict: string; digests: string[] }>) : {};
  const written: Record<string, { verdict: string; digests: string[] }> = {};

  it.each(cases.map((item) => [item.name, item] as const))('%s', (name, item) => {
    const result = digestsOf(item);
    written[name] = result;
    if (!writing) expect(result, `${name}: the Insights changed`).toEqual(stored[name]);
  }, 60_000);

  it('readInsights from a real SQLite file (three years, check-ins, other strength work)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-unchanged-'));
    try {
      const db = await openStanceDatabase(path.join(folder, 'stance.sqlite'), { backupsFolder: path.join(folder, 'backups') });
      writeGeneratedHistory(db, { endDate: '2026-11-20', days: 1095, runsPerWeek: 5, checkins: true, seed: 31 }, { totalStrengthSessions: 500 });
      const now = new Date('2026-11-21T10:00:00Z');
      const views: InsightsFilters[] = [
        { fromDate: null, toDate: null, location: 'lateral_knee', side: 'any' },
        { fromDate: '2016-01-01', toDate: null, location: 'lateral_knee', side: 'any' },
        { fromDate: '2025-02-01', toDate: '2025-10-31', location: 'any', side: 'left' },
      ];
      let verdict = 'none';
      const digests = views.map((filters) => {
        clearAnalysisCaches();
        const insights = readInsights(db, filters, now, 'Europe/London');
        verdict = insights.verdict;
        return digest(insights);
      });
      db.close();
      const name = 'readInsights, three years in SQLite';
      written[name] = { verdict, digests };
      if (!writing) expect(written[name], `${name}: the Insights changed`).toEqual(stored[name]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  // Asked for (the reference is rewritten only on purpose, with the variable below set): written after every case ran.
  afterAll(() => {
    if (writing) fs.writeFileSync(referenceFile, `${JSON.stringify(written, null, 1)}\n`);
  });
});
