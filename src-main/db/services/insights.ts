/**
 * The Insights from the database: reads the history (runs, their pain sites, glute session dates
 * and which were done before a run that day, plans) in four queries and hands it to the pure
 * analysis/insights.ts.
 *
 * While the runner has no run with its pain recorded, the page shows the built-in example (a
 * made-up year generated in memory, never written here), unless they chose to hide it; that
 * choice is kept in the settings table as internal.insights.exampleHidden.
 */
import type { StanceDatabase } from '../open';
import type { Insights, InsightsFilters } from '../../shared/insights';
import type { MainComplaint, PainStatus } from '../../shared/domain';
import type { PainLocation, PainSide } from '../../shared/pain';
import { StanceError } from '../../shared/errors';
import { computeInsights, summariseFixed } from '../../analysis/insights';
import { complaintFilters, fixedAnalysis } from '../../analysis/fixed-analysis';
import { exampleHistory } from '../../analysis/example-history';
import type { InsightsHistory, RunRecord } from '../../analysis/exposure';
import { planHistory } from '../glute-plan';
import { listOstrcWeeks } from '../clinic-checkins';
import { getSettings, readInternal, writeInternal } from '../settings';
import { isoUtc, utcToLocal } from '../local-time';
import { checkNewRecord, RecordProblem } from '../tables';

const EXAMPLE_HIDDEN_KEY = 'insights.exampleHidden';

/** The local dates (YYYY-MM-DD) on which the runner began a new analysis period, oldest first (the analysis_periods table, migration 008). */
export function readPeriodStarts(db: StanceDatabase): string[] {
  return db.prepare('SELECT starts_on FROM analysis_periods ORDER BY starts_on').pluck().all() as string[];
}

/**
 * Closes the current analysis and starts a new one on `fromDate` (a change of routine). Allowed
 * only when the current analysis's verdict is decided (a claim, or its last milestone reached)
 * and `fromDate` is after its last run: the earlier periods keep their runs and verdicts.
 * Throws a StanceError (refused) with the reason otherwise; nothing is written then.
 */
export function startAnalysisPeriod(db: StanceDatabase, fromDate: string, now: Date, timeZone: string): Insights {
  db.transaction(() => {
    const { mainComplaint } = getSettings(db);
    const starts = readPeriodStarts(db);
    const history = readInsightsHistory(db);
    const summary = summariseFixed(fixedAnalysis(history, mainComplaint, starts));
    const current = summary.periods[summary.periods.length - 1];
    if (current === undefined) throw new StanceError('refused', 'There is no analysis to close yet: record the knee pain of your runs first.');
    if (!summary.canStartNew) {
      throw new StanceError(
        'refused',
        'The current analysis has not reached its verdict yet. A new one can start only once it has (at a milestone), so that starting afresh cannot be used to try again.',
      );
    }
    const lastRun = history.runs.reduce((last, run) => (run.localDate >= current.from && run.localDate > last ? run.localDate : last), current.from);
    if (fromDate <= lastRun) throw new StanceError('refused', `The new analysis must start after the last run of the current one (${lastRun}).`);
    const row = { starts_on: fromDate, created_at: isoUtc(now) };
    try {
      checkNewRecord('analysis_periods', row, { db, now });
    } catch (error) {
      if (error instanceof RecordProblem) throw new StanceError('invalid', `The new analysis cannot start then: ${error.message}.`, 'fromDate');
      throw error;
    }
    db.prepare('INSERT INTO analysis_periods (starts_on, created_at) VALUES (@starts_on, @created_at)').run(row);
  })();
  return readInsights(db, { fromDate: null, toDate: null, ...complaintView(getSettings(db).mainComplaint) }, now, timeZone);
}

/** The page's site and side filters for a main complaint. */
export function complaintView(complaint: MainComplaint): Pick<InsightsFilters, 'location' | 'side'> {
  return complaintFilters(complaint);
}

/** Everything the Insights read from the database. */
export function readInsightsHistory(db: StanceDatabase): InsightsHistory {
  const runRows = db
    // NOT INDEXED: every run is read, and a scan of the table sorted once is faster than walking
    // the date index (which is ordered the other way, by start time within a day) row by row.
    .prepare('SELECT id, local_date, distance_m, pain_status, cut_short_by_knee FROM runs NOT INDEXED ORDER BY local_date, started_at, id').raw().all() as [
    number,
    string,
    number,
    PainStatus,
    number,
  ][];
  const runs: RunRecord[] = [];
  const byId = new Map<number, RunRecord>();
  for (const [id, localDate, distanceMetres, painStatus, cutShort] of runRows) {
    const run: RunRecord = { id, localDate, distanceMetres, painStatus, sites: [], cutShort: cutShort === 1 };
    runs.push(run);
    byId.set(id, run);
  }
  const siteRows = db.prepare('SELECT run_id, onset_m, location, side, present_at_start FROM run_pain').raw().all() as [
    number,
    number,
    PainLocation,
    PainSide,
    number,
  ][];
  for (const [runId, onsetMetres, location, side, presentAtStart] of siteRows) {
    byId.get(runId)?.sites.push({ onsetMetres, location, side, presentAtStart: presentAtStart === 1 });
  }
  // The glute sessions (as db/glute-plan.ts's gluteSessionDates defines them) in one query, with
  // which were done before a run that day.
  const sessionRows = db
    .prepare(
      `SELECT s.local_date, s.same_day_run = 'before' FROM strength_sessions s
       WHERE EXISTS (SELECT 1 FROM session_exercises se JOIN exercises e ON e.id = se.exercise_id
                     WHERE se.session_id = s.id AND e.category = 'glute_hip')
       ORDER BY s.local_date`,
    )
    .raw()
    .all() as [string, number][];
  const gluteSessionDates: string[] = [];
  const beforeRunSessionDates: string[] = [];
  for (const [date, beforeRun] of sessionRows) {
    gluteSessionDates.push(date);
    if (beforeRun === 1) beforeRunSessionDates.push(date);
  }
  return { runs, gluteSessionDates, beforeRunSessionDates, plans: planHistory(db) };
}

export function isExampleHidden(db: StanceDatabase): boolean {
  return readInternal<boolean>(db, EXAMPLE_HIDDEN_KEY) === true;
}

export function setExampleHidden(db: StanceDatabase, hidden: boolean): { exampleHidden: boolean } {
  writeInternal(db, EXAMPLE_HIDDEN_KEY, hidden);
  return { exampleHidden: hidden };
}

function hasRecordedPain(db: StanceDatabase): boolean {
  return db.prepare("SELECT 1 FROM runs WHERE pain_status <> 'unrecorded' LIMIT 1").get() !== undefined;
}

/**
 * The Insights for the runner's own data, or for the example while they have none (and have not
 * hidden it). `now` and `timeZone` date the example: a year ending today on the runner's calendar.
 */
export function readInsights(db: StanceDatabase, filters: InsightsFilters, now: Date, timeZone: string): Insights {
  const { weekStartsOn, mainComplaint } = getSettings(db);
  const exampleHidden = isExampleHidden(db);
  const hasOwnData = hasRecordedPain(db);
  const showExample = !hasOwnData && !exampleHidden;
  const history = showExample ? exampleHistory(utcToLocal(now, timeZone).localDate) : readInsightsHistory(db);
  const context = { complaint: mainComplaint, periodStarts: showExample ? [] : readPeriodStarts(db) };
  const computed = computeInsights(history, filters, weekStartsOn, context);
  if (!showExample) {
    // The weekly knee check beside the week's glute adherence (its severity; the weeks chart draws it).
    const severity = new Map(listOstrcWeeks(db).map((week) => [week.weekStart, week.severity]));
    computed.weeks = computed.weeks.map((week) => ({ ...week, ostrcSeverity: severity.get(week.weekStart) ?? null }));
  }
  return {
    source: showExample ? 'example' : 'yours',
    exampleHidden,
    hasOwnData,
    ...computed,
  };
}
