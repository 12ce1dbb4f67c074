/**
 * The one analysis fixed in advance that owns the Insights' yes/no verdict (issue 17).
 *
 * WHAT IT COVERS, decided before any look and never by the view:
 * - the runner's MAIN COMPLAINT (Settings: a pain site and side, default the outside of the knee,
 *   either side); a date range, another site or side chosen on the page changes only pictures
 *   and a descriptive estimate;
 * - all of the runner's runs from the first run with a pain note (any run whose pain was
 *   recorded, pain-free or not) to the last, in ANALYSIS PERIODS: the first period starts at that
 *   run; a runner may close a FINISHED period (its verdict decided) and start a new one from a
 *   later date, after a change of routine. Each period is its own analysis on its own runs, listed
 *   with its verdict; a period cannot be started while the current one is still undecided, so
 *   restarts are rare (at most one per finished analysis) and visible.
 *
 * THE VERDICT of a period is decided at onset milestones (sequential.ts: ONSET_MILESTONES, with
 * Lan–DeMets spending over them), counted over the period's whole history, each on the runs up to
 * the one that brought the onsets to that number; the glute calendar is read only up to that
 * run's day. So a verdict reached at a milestone is a function of data that later runs, a date
 * range, a site or a side cannot change: it stays. After the last milestone the period is
 * finished: "no clear difference" stays too.
 *
 * UNNOTED RUNS (pain never recorded) cannot tip the verdict: the evidence at each milestone is
 * computed twice, with those runs left out and with them counted as pain-free to their full
 * distance, and a milestone counts as crossed only when both cross in the same direction (the
 * weaker of the two |z| and the larger of the two rank p are used). The two versions bracket what
 * an unnoted run can be: a pain-free run (the common case of a run not worth noting) or one left
 * out at random; a claim that holds under both is not made by how the notes went missing.
 * (Onsets are the same in both versions, so the milestones fall on the same runs.)
 */
import type { MainComplaint } from '../shared/domain';
import { DAYS_SINCE_CAP, type HeadlineGroups, type InsightsVerdict, type RunExposure } from '../shared/insights';
import { runExposures, type InsightsHistory, type RunRecord } from './exposure';
import { fitPrimaryModel, gluteCalendar, MIN_ONSETS_FOR_MODEL, modelRuns, weekShiftTest, type GluteCalendar } from './primary-model';
import { addDays } from '../shared/calendar';
import { ONSET_MILESTONES, sequentialDecision, type EvidenceAtMilestone, type SequentialDecision } from './sequential';
import type { ModelTerm } from '../shared/insights';

/** The page's filter for a main complaint: 'either' side is any side. */
export function complaintFilters(complaint: MainComplaint): { location: MainComplaint['location']; side: 'left' | 'right' | 'any' } {
  return { location: complaint.location, side: complaint.side === 'either' ? 'any' : complaint.side };
}


export interface PeriodAnalysis {
  /** First local date of the period (its first run with a pain note, or the date the runner began it). */
  from: string;
  /** Last local date the period covers: the day before the next period began, or the last run. */
  to: string;
  /** True for the period now running (the last one). */
  current: boolean;
  verdict: InsightsVerdict;
  sequential: SequentialDecision;
  /** The two groups of the headline, over the whole period: 7+ days since glute work, 0–6 days. */
  groups: HeadlineGroups;
  /** Runs before the first glute session ever logged (no "days since"): not in the model. */
  noGluteSessionYet: number;
  /** The model's runs and onsets (unnoted runs left out). */
  runs: number;
  onsets: number;
  /** The period's Cox model (unnoted runs left out): the headline's estimate; null when it cannot be fitted. */
  exposure: ModelTerm | null;
  problem: string | null;
  /** The same model with unnoted runs counted as pain-free to their full distance. */
  exposureWithUnnotedPainFree: ModelTerm | null;
}

export interface FixedAnalysis {
  complaint: MainComplaint;
  /** Oldest first; empty while no run has a pain note. */
  periods: PeriodAnalysis[];
}

/** Evidence at one milestone from the two versions (unnoted left out / counted pain-free). */
export interface MilestoneEvidence extends EvidenceAtMilestone {
  /** The version with unnoted runs left out. */
  zLeftOut: number | null;
  /** The version with unnoted runs counted as pain-free to their full distance. */
  zCountedPainFree: number | null;
}

type Shifted = { z: number | null; pEarlier: number; pLater: number; shifts: number };

/**
 * Combines the two versions: the weaker evidence (the z nearer 0, and 0 when they point opposite
 * ways) and, per direction, the larger rank p: a milestone is crossed only when both versions cross.
 */
export function bothWays(a: Shifted | null, b: Shifted | null): { z: number | null; pEarlier: number | null; pLater: number | null; shifts: number | null } {
  if (a === null || b === null || a.z === null || b.z === null) return { z: null, pEarlier: null, pLater: null, shifts: null };
  const pEarlier = Math.max(a.pEarlier, b.pEarlier);
  const pLater = Math.max(a.pLater, b.pLater);
  // The coarser of the two rank scales (fewer shifts).
  const shifts = Math.min(a.shifts, b.shifts);
  if (Math.sign(a.z) !== Math.sign(b.z)) return { z: 0, pEarlier, pLater, shifts };
  return { z: Math.sign(a.z) * Math.min(Math.abs(a.z), Math.abs(b.z)), pEarlier, pLater, shifts };
}

/**
 * The evidence at each onset milestone of one period. `noted` are the period's model runs with a
 * pain note (date order), `painFree` the same with the unnoted runs added as pain-free (date
 * order). Cost: one adjusters-only Cox fit and ≤ 199 week shifts per milestone and version.
 */
export function milestoneEvidence(noted: readonly RunExposure[], withUnnoted: readonly RunExposure[], calendar: GluteCalendar): MilestoneEvidence[] {
  const evidence: MilestoneEvidence[] = [];
  const sameRuns = noted.length === withUnnoted.length;
  let seen = 0;
  let milestone = 0;
  let other = 0; // index into withUnnoted
  for (let index = 0; index < noted.length && milestone < ONSET_MILESTONES.length; index++) {
    const run = noted[index]!;
    if (!run.pain) continue;
    seen += 1;
    if (seen !== ONSET_MILESTONES[milestone]) continue;
    if (evidence.length > 0 && sequentialDecision(evidence, null, 0).claimedAt !== null) {
      // The design stops at the claim: later milestones are marked reached, their evidence not worked out.
      evidence.push({ z: null, pEarlier: null, pLater: null, shifts: null, reachedOn: run.localDate, zLeftOut: null, zCountedPainFree: null });
      milestone += 1;
      continue;
    }
    const upTo = noted.slice(0, index + 1);
    const leftOut = weekShiftTest(upTo, calendar);
    let counted = leftOut;
    if (!sameRuns) {
      // The same onset run in the other version, and every run up to it (runs later that day that
      // come after it in date-and-id order are not yet in).
      while (other < withUnnoted.length && withUnnoted[other]!.runId !== run.runId) other++;
      counted = weekShiftTest(withUnnoted.slice(0, other + 1), calendar);
    }
    const both = bothWays(leftOut, counted);
    evidence.push({ ...both, reachedOn: run.localDate, zLeftOut: leftOut?.z ?? null, zCountedPainFree: counted?.z ?? null });
    milestone += 1;
  }
  return evidence;
}

function verdictOf(sequential: SequentialDecision, onsets: number, exposureVaries: boolean): InsightsVerdict {
  if (sequential.claim === 'earlier') return 'earlier_when_skipped';
  if (sequential.claim === 'later') return 'later_when_skipped';
  if (sequential.finished) return 'no_clear_difference';
  if (onsets < MIN_ONSETS_FOR_MODEL || !exposureVaries) return 'too_little';
  return 'cannot_tell_yet';
}

/** The headline's groups (7+ against 0–6 days since the last glute session) over runs with a pain note and the unnoted ones; runs before any glute session are in neither. */
export function headlineGroups(noted: readonly RunExposure[], unnoted: readonly Pick<RunExposure, 'daysSinceGluteSession'>[] = []): HeadlineGroups {
  const groups: HeadlineGroups = { skipped: { runs: 0, onsets: 0, unnoted: 0 }, usual: { runs: 0, onsets: 0, unnoted: 0 } };
  for (const run of noted) {
    if (run.daysSinceGluteSession === null) continue;
    const group = run.daysSinceGluteSession >= DAYS_SINCE_CAP ? groups.skipped : groups.usual;
    group.runs += 1;
    if (run.pain) group.onsets += 1;
  }
  for (const run of unnoted) {
    if (run.daysSinceGluteSession === null) continue;
    (run.daysSinceGluteSession >= DAYS_SINCE_CAP ? groups.skipped : groups.usual).unnoted += 1;
  }
  return groups;
}

/** The first local date with a pain note (pain or pain-free), or null. */
export function firstNotedDate(runs: readonly RunRecord[]): string | null {
  let first: string | null = null;
  for (const run of runs) if (run.painStatus !== 'unrecorded' && (first === null || run.localDate < first)) first = run.localDate;
  return first;
}

/**
 * The fixed analysis of a history for a main complaint. `periodStarts` are the dates on which the
 * runner began a new analysis (each after the one before was finished; any before the first
 * noted run or not after the previous start are ignored). Pure; cost per period: one pass over
 * its runs, the milestones' shift tests and one Cox fit (two with unnoted runs).
 */
export function fixedAnalysis(history: InsightsHistory, complaint: MainComplaint, periodStarts: readonly string[] = [], options: { verdictOnly?: boolean } = {}): FixedAnalysis {
  return fixedAnalysisWithRuns(history, complaint, periodStarts, options).analysis;
}

/**
 * fixedAnalysis, and the current period's runs with a pain note as the analysis saw them (date
 * order): the same RunExposures as runExposures(history, { complaint's site and side, from the
 * period's first day }).runs, which the page's model summary reads (issue 22: worked out once).
 */
export function fixedAnalysisWithRuns(
  history: InsightsHistory,
  complaint: MainComplaint,
  periodStarts: readonly string[] = [],
  options: { verdictOnly?: boolean } = {},
): { analysis: FixedAnalysis; currentNoted: RunExposure[] } {
  let currentNoted: RunExposure[] = [];
  const first = firstNotedDate(history.runs);
  if (first === null) return { analysis: { complaint, periods: [] }, currentNoted };
  const starts = [first];
  for (const start of [...periodStarts].sort()) if (start > starts[starts.length - 1]!) starts.push(start);
  const filters = complaintFilters(complaint);
  // Exposures once for the whole history (the unnoted runs as pain-free: the caller tells them apart).
  const calendar = gluteCalendar(history.gluteSessionDates, history.beforeRunSessionDates);
  const all = runExposures(asPainFree(history), { ...filters, fromDate: first, toDate: null });
  const unnotedIds = new Set<number>();
  for (const run of history.runs) if (run.painStatus === 'unrecorded') unnotedIds.add(run.id);
  let lastRun = first;
  for (const run of history.runs) if (run.localDate > lastRun) lastRun = run.localDate;
  const periods: PeriodAnalysis[] = [];
  let at = 0;
  starts.forEach((from, index) => {
    const next = starts[index + 1] ?? null;
    const withUnnoted: RunExposure[] = [];
    while (at < all.runs.length && (next === null || all.runs[at]!.localDate < next)) withUnnoted.push(all.runs[at++]!);
    const noted = withUnnoted.filter((run) => !unnotedIds.has(run.runId));
    if (next === null) currentNoted = noted;
    const unnoted = withUnnoted.filter((run) => unnotedIds.has(run.runId));
    const notedModel = modelRuns(noted);
    const allModel = modelRuns(withUnnoted);
    const onsets = notedModel.reduce((count, run) => count + (run.pain ? 1 : 0), 0);
    const evidence = milestoneEvidence(notedModel, allModel, calendar);
    // The evidence now (both ways) only tells the onsets still needed while the verdict is open: once
    // claimed or finished it changes nothing in the decision and is not worked out. With no unnoted
    // runs both ways are the same test: computed once (it is the costly part of an open).
    const decided = sequentialDecision(evidence, null, onsets);
    const open = decided.claimedAt === null && !decided.finished;
    const notedShift = open && options.verdictOnly !== true && onsets >= MIN_ONSETS_FOR_MODEL ? weekShiftTest(notedModel, calendar) : null;
    const current = notedShift === null ? null : bothWays(notedShift, notedModel.length === allModel.length ? notedShift : weekShiftTest(allModel, calendar));
    const sequential = open ? sequentialDecision(evidence, current?.z ?? null, onsets) : decided;
    const skippedFit = { exposure: null, adjusters: [], problem: null };
    const fit = options.verdictOnly === true ? skippedFit : fitPrimaryModel(notedModel);
    const fitCounted = unnoted.length === 0 || options.verdictOnly === true ? fit : fitPrimaryModel(allModel);
    const groups = headlineGroups(noted, unnoted);
    const to = next === null ? (lastRun < from ? from : lastRun) : previousDay(next);
    periods.push({
      from,
      to,
      current: next === null,
      verdict: verdictOf(sequential, onsets, groups.skipped.runs > 0 && groups.usual.runs > 0),
      sequential,
      groups,
      noGluteSessionYet: noted.filter((run) => run.daysSinceGluteSession === null).length,
      runs: notedModel.length,
      onsets,
      exposure: fit.exposure,
      problem: fit.problem,
      exposureWithUnnotedPainFree: fitCounted.exposure,
    });
  });
  return { analysis: { complaint, periods }, currentNoted };
}

/** The history with every unnoted run read as pain-free for its full distance. */
function asPainFree(history: InsightsHistory): InsightsHistory {
  return { ...history, runs: history.runs.map((run) => (run.painStatus === 'unrecorded' ? { ...run, painStatus: 'none' as const, sites: [] } : run)) };
}

function previousDay(date: string): string {
  return addDays(date, -1);
}
