/**
 * The experiment's analysis, fixed in advance, from its records: the arms, the Kaplan–Meier
 * curves by arm, the hazard ratio with its 95% interval (Cox, ../cox.ts, Efron ties, as R's
 * coxph), the randomisation p-value, the weekly looks' claim (./weekly-looks.ts), and what CENT
 * 2015 (Vohra et al., BMJ 2015;350:h1738, items 5, 11, 13, 14 and 19) asks of one person's trial:
 * periods, assignments, deviations and harms.
 *
 * Primary: intention to treat — each run in the arm its day (or week) was assigned, whatever was
 * done. Secondary, labelled so: as done — "done" against "not done" ("partly" left out), an
 * estimate only: what was done is chosen by the runner, so it is open to the confounding the coin
 * removes, and it never makes the verdict.
 *
 * Outcome: the distance into the run at which the main complaint's pain began (the protocol's
 * location and side; "either" side takes both); a run without it is censored at its distance.
 * Left out, and listed: pain already there at the start, runs whose pain is not noted yet, and
 * runs left "not recorded".
 */
import { coxProportionalHazards } from '../cox';
import { kaplanMeier } from '../survival';
import { daysBetween } from '../../shared/calendar';
import type {
  ActivationDone,
  ExperimentArm,
  ExperimentArmSummary,
  ExperimentEstimate,
  ExperimentProtocolContents,
  ExperimentResult,
  ExperimentRunRow,
  ExperimentVerdict,
} from '../../shared/experiment';
import type { PainLocation, PainSide } from '../../shared/pain';
import { randomisationTest } from './randomisation-test';
import { weeklyLooks, type WeeklyObservation } from './weekly-looks';

export interface ExperimentRunRecord {
  runId: number;
  startedAt: string;
  localDate: string;
  distanceMetres: number;
  unitIndex: number;
  arm: ExperimentArm;
  activationDone: ActivationDone | null;
  painStatus: 'unrecorded' | 'none' | 'pain';
  painNotRecorded: boolean;
  sites: { onsetMetres: number; location: PainLocation; side: PainSide; worstScore: number; presentAtStart: boolean }[];
}

export interface ExperimentAssignmentRecord {
  unitIndex: number;
  arm: ExperimentArm;
  drawnAt: string;
  localDate: string | null;
}

export interface ExperimentRecords {
  protocol: ExperimentResult['protocol'];
  assignments: ExperimentAssignmentRecord[];
  runs: ExperimentRunRecord[];
  runsOutside: { runId: number; localDate: string }[];
  /** The runner's today (local date). */
  today: string;
}

/** The outcome of one run for the protocol's main complaint. */
export function runOutcome(run: ExperimentRunRecord, outcome: ExperimentProtocolContents['outcome']): ExperimentRunRow['outcome'] {
  if (run.painStatus === 'unrecorded') return { kind: run.painNotRecorded ? 'not_recorded' : 'unnoted' };
  const matching = run.sites.filter(
    (site) => site.location === outcome.location && (outcome.side === 'either' || site.side === outcome.side || site.side === 'both'),
  );
  if (matching.some((site) => site.presentAtStart)) return { kind: 'at_start' };
  if (matching.length === 0) return { kind: 'pain_free' };
  return { kind: 'onset', metres: Math.min(...matching.map((site) => site.onsetMetres)) };
}

function estimateOf(observations: { time: number; event: boolean; x: number }[]): { estimate: ExperimentEstimate | null; problem: string | null } {
  if (observations.length === 0) return { estimate: null, problem: 'No runs to analyse yet.' };
  const fit = coxProportionalHazards(
    observations.map((observation) => ({ time: observation.time, event: observation.event, covariates: [observation.x] })),
    { ties: 'efron' },
  );
  if (!fit.estimable) return { estimate: null, problem: fit.message };
  return { estimate: { hazardRatio: fit.hazardRatios[0]!, lower: fit.lower[0]!, upper: fit.upper[0]! }, problem: null };
}

function armSummary(arm: ExperimentArm, rows: ExperimentRunRow[]): ExperimentArmSummary {
  const inArm = rows.filter((row) => row.arm === arm);
  const analysed = inArm.filter((row) => row.outcome.kind === 'onset' || row.outcome.kind === 'pain_free');
  const observations = analysed.map((row) => (row.outcome.kind === 'onset' ? { time: row.outcome.metres, event: true } : { time: row.distanceMetres, event: false }));
  const curve = kaplanMeier(observations);
  const adherence: ExperimentArmSummary['adherence'] = { done: 0, not_done: 0, partly: 0, unanswered: 0 };
  for (const row of inArm) adherence[row.activationDone ?? 'unanswered'] += 1;
  return {
    arm,
    runs: inArm.length,
    onsets: observations.filter((observation) => observation.event).length,
    painFree: observations.filter((observation) => !observation.event).length,
    adherence,
    curve: curve.steps.map((step) => ({ distanceMetres: step.time, painFree: step.survival, atRisk: step.atRisk, events: step.events })),
    censoredAt: observations.filter((observation) => !observation.event).map((observation) => observation.time),
    medianMetres: curve.median,
  };
}

/** Whole weeks from the start to `date`'s week: week 0 is the first seven days. */
export function experimentWeek(startDate: string, localDate: string): number {
  return Math.floor(daysBetween(startDate, localDate) / 7);
}

/** The planned end (local date, the day after the last) of a length in weeks; null for a length in painful runs. */
export function plannedEndDate(contents: ExperimentProtocolContents): string | null {
  if (contents.length.unit !== 'weeks') return null;
  const [year, month, day] = contents.startDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 7 * contents.length.weeks)).toISOString().slice(0, 10);
}

/** The whole analysis of an experiment as of `records.today`. */
export function analyseExperiment(records: ExperimentRecords): ExperimentResult {
  const { protocol } = records;
  const contents = protocol.contents;
  const runs = [...records.runs].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.runId - b.runId));
  const rows: ExperimentRunRow[] = runs.map((run) => ({
    runId: run.runId,
    localDate: run.localDate,
    distanceMetres: run.distanceMetres,
    unitNumber: run.unitIndex + 1,
    arm: run.arm,
    activationDone: run.activationDone,
    outcome: runOutcome(run, contents.outcome),
    worstScore: run.sites.length === 0 ? null : Math.max(...run.sites.map((site) => site.worstScore)),
  }));

  // The weeks looked at: whole weeks done by today (or by the stop), never past the planned end.
  const stopDate = protocol.stoppedAt === null ? null : protocol.stoppedAt.slice(0, 10);
  const lastDay = stopDate !== null && stopDate < records.today ? stopDate : records.today;
  let weeksDone = Math.max(0, experimentWeek(contents.startDate, lastDay));
  if (contents.length.unit === 'weeks') weeksDone = Math.min(weeksDone, contents.length.weeks);

  const activation = new Uint8Array(records.assignments.reduce((most, assignment) => Math.max(most, assignment.unitIndex + 1), 0));
  for (const assignment of records.assignments) activation[assignment.unitIndex] = assignment.arm === 'activation' ? 1 : 0;
  const analysed: WeeklyObservation[] = [];
  const asDone: { time: number; event: boolean; x: number }[] = [];
  rows.forEach((row) => {
    if (row.outcome.kind !== 'onset' && row.outcome.kind !== 'pain_free') return;
    const time = row.outcome.kind === 'onset' ? row.outcome.metres : row.distanceMetres;
    const event = row.outcome.kind === 'onset';
    analysed.push({ unit: row.unitNumber - 1, week: experimentWeek(contents.startDate, row.localDate), time, event });
    if (row.activationDone === 'done' || row.activationDone === 'not_done') asDone.push({ time, event, x: row.activationDone === 'done' ? 1 : 0 });
  });

  const looks = weeklyLooks({
    observations: analysed,
    activation,
    scheme: contents.scheme,
    seed: contents.seed,
    length: contents.length,
    weeksCompleted: weeksDone,
    redraws: contents.rule.redraws,
    alpha: contents.rule.alpha,
  });
  const itt = estimateOf(analysed.map((observation) => ({ time: observation.time, event: observation.event, x: activation[observation.unit]! })));
  const plain = randomisationTest({ observations: analysed, activation, scheme: contents.scheme, seed: contents.seed, label: 'all runs now', redraws: contents.rule.redraws });
  const secondary = estimateOf(asDone);

  let verdict: ExperimentVerdict;
  if (looks.claim !== null) verdict = looks.claim;
  else if (looks.finished) verdict = 'no_difference_found';
  else if (protocol.stoppedAt !== null) verdict = 'stopped_early';
  else verdict = 'cannot_tell_yet';

  const periods = [...records.assignments]
    .sort((a, b) => a.unitIndex - b.unitIndex)
    .map((assignment) => ({
      unitNumber: assignment.unitIndex + 1,
      arm: assignment.arm,
      drawnAt: assignment.drawnAt,
      localDate: assignment.localDate,
      runs: rows.filter((row) => row.unitNumber === assignment.unitIndex + 1).length,
    }));

  const deviations: string[] = [];
  const dayWord = contents.scheme === 'run_day_blocks_of_4' ? 'run day' : 'week';
  for (const row of rows) {
    const where = `Run of ${row.localDate} (${dayWord} ${row.unitNumber}, ${row.arm === 'activation' ? 'activation first' : 'no activation'})`;
    if (row.arm === 'activation' && row.activationDone === 'not_done') deviations.push(`${where}: the activation routine was not done.`);
    if (row.arm === 'activation' && row.activationDone === 'partly') deviations.push(`${where}: the activation routine was done only partly.`);
    if (row.arm === 'none' && (row.activationDone === 'done' || row.activationDone === 'partly')) deviations.push(`${where}: the activation routine was done although none was assigned.`);
    if (row.activationDone === null) deviations.push(`${where}: what was done before it is not answered.`);
    if (row.outcome.kind === 'unnoted') deviations.push(`${where}: its pain is not noted yet, so it is left out until it is.`);
    if (row.outcome.kind === 'not_recorded') deviations.push(`${where}: its pain was left not recorded, so it is left out.`);
    if (row.outcome.kind === 'at_start') deviations.push(`${where}: the pain was there from the start, so it is left out (no onset to time).`);
  }
  for (const run of records.runsOutside) deviations.push(`Run of ${run.localDate}: no assignment was shown before it, so it is not part of the experiment (it stays an ordinary run).`);
  if (protocol.stoppedAt !== null) deviations.push(`Stopped early on ${protocol.stoppedAt.slice(0, 10)}: ${protocol.stopReason ?? ''}`);

  const harms = rows
    .filter((row) => row.worstScore !== null && row.worstScore > 5)
    .map((row) => ({ runId: row.runId, localDate: row.localDate, worstScore: row.worstScore as number, arm: row.arm }));

  return {
    protocol,
    asOf: records.today,
    weeksDone,
    endDate: plannedEndDate(contents),
    arms: [armSummary('activation', rows), armSummary('none', rows)],
    estimate: itt.estimate,
    estimateProblem: itt.problem,
    randomisationP: plain.pValue,
    asDone: {
      estimate: secondary.estimate,
      runsDone: asDone.filter((observation) => observation.x === 1).length,
      runsNotDone: asDone.filter((observation) => observation.x === 0).length,
      problem: secondary.problem,
    },
    analyses: looks.analyses.map((analysis) => ({
      week: analysis.week,
      onsets: analysis.onsets,
      runs: analysis.runs,
      alphaSpent: analysis.alphaSpent,
      z: analysis.z,
      pValue: analysis.pValue,
      claims: analysis.claims,
    })),
    verdict,
    claimedAtWeek: looks.claimedAtWeek,
    finished: looks.finished,
    runs: rows,
    periods,
    deviations,
    harms,
    runsOutside: records.runsOutside,
  };
}
