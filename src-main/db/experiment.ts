/**
 * The randomised experiment's records (migration 6): fixing a protocol, drawing assignments when
 * Today first shows them, linking runs to their day's assignment, the runner's answer to "was the
 * activation done?", stopping early, and gathering the records the analysis reads
 * (analysis/experiment/result.ts).
 *
 * What is fixed stays fixed: the database's own triggers refuse any change to a stored protocol's
 * contents, hash or fixing time and to a drawn assignment's unit, arm or drawing time, whoever
 * writes (see migrations/006-experiment.ts); the functions here never try.
 */
import type { StanceDatabase } from './open';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { addDays, daysBetween } from '../shared/calendar';
import {
  canonicalJson,
  DEFAULT_ACTIVATION_ROUTINE,
  type ActivationDone,
  type ComplaintSide,
  type ExperimentArm,
  type ExperimentDecisionRule,
  type ExperimentProtocol,
  type ExperimentProtocolContents,
  type ExperimentResult,
  type ExperimentSetup,
  type ExperimentTodayLine,
} from '../shared/experiment';
import type { PainLocation } from '../shared/pain';
import { getSettings } from './settings';
import { assignedArm } from '../analysis/experiment/assignment';
import { checkSeed, newExperimentSeed } from '../analysis/experiment/random-source';
import { DEFAULT_REDRAWS } from '../analysis/experiment/randomisation-test';
import { ANALYSIS_EVERY_PAINFUL_RUNS } from '../analysis/experiment/weekly-looks';
import { DEFAULT_EXPERIMENT_PAINFUL_RUNS } from '../analysis/experiment/design';
import { analyseExperiment, experimentWeek, plannedEndDate, runOutcome, type ExperimentRunRecord } from '../analysis/experiment/result';
import { isoUtc, utcToLocal } from './local-time';
import type { RunnerClock } from './clinic-checkins';
import { protocolSha256 } from './tables/experiment-protocols';
import { checkNewRecord, RecordProblem, type ExportRow, type TableName } from './tables';

/** The table's own rule, as for every writer (db/tables): a record it refuses is never stored. */
function checkRow(db: StanceDatabase, table: TableName, row: ExportRow, now: Date): void {
  try {
    checkNewRecord(table, row, { db, now });
  } catch (error) {
    if (error instanceof RecordProblem) throw new StanceError('invalid', `The experiment's record cannot be saved: ${error.message}.`);
    throw error;
  }
}

/** The rule every experiment of this version of Stance is decided by (stored in each protocol). */
export const EXPERIMENT_RULE: ExperimentDecisionRule = {
  primary: 'intention_to_treat',
  statistic: 'log_rank_distance_to_onset',
  pValue: 'randomisation',
  redraws: DEFAULT_REDRAWS,
  alpha: 0.05,
  spending: 'lan_demets_obrien_fleming',
  analysesEveryPainfulRuns: ANALYSIS_EVERY_PAINFUL_RUNS,
  secondary: 'as_done',
};

/** How far ahead an experiment may be set to start. */
const LATEST_START_DAYS = 28;

export { protocolSha256 };

/** The main complaint (Settings): the pain whose onset the experiment times. */
export function mainComplaintOf(db: StanceDatabase): { location: PainLocation; side: ComplaintSide } {
  const { location, side } = getSettings(db).mainComplaint;
  return { location, side };
}

interface ProtocolRow {
  id: number;
  contents: string;
  content_sha256: string;
  fixed_at: string;
  stopped_at: string | null;
  stop_reason: string | null;
}

function toProtocol(row: ProtocolRow): ExperimentProtocol {
  if (protocolSha256(row.contents) !== row.content_sha256) {
    throw new StanceError('failed', `Experiment ${row.id}'s stored protocol does not match its fingerprint (SHA-256): it was altered outside Stance. Restore a backup.`);
  }
  return {
    id: row.id,
    contents: JSON.parse(row.contents) as ExperimentProtocolContents,
    canonical: row.contents,
    sha256: row.content_sha256,
    fixedAt: row.fixed_at,
    stoppedAt: row.stopped_at,
    stopReason: row.stop_reason,
  };
}

export function getProtocol(db: StanceDatabase, id: number): ExperimentProtocol {
  const row = db.prepare('SELECT * FROM experiment_protocols WHERE id = ?').get(id) as ProtocolRow | undefined;
  if (row === undefined) throw new StanceError('refused', 'That experiment is not in Stance.');
  return toProtocol(row);
}

function listProtocols(db: StanceDatabase): ExperimentProtocol[] {
  return (db.prepare('SELECT * FROM experiment_protocols ORDER BY id').all() as ProtocolRow[]).map(toProtocol);
}

interface AssignmentRow {
  id: number;
  unit_index: number;
  arm: ExperimentArm;
  drawn_at: string;
  local_date: string | null;
}

function assignmentsOf(db: StanceDatabase, protocolId: number): AssignmentRow[] {
  return db.prepare('SELECT id, unit_index, arm, drawn_at, local_date FROM experiment_assignments WHERE protocol_id = ? ORDER BY unit_index').all(protocolId) as AssignmentRow[];
}

const today = (clock: RunnerClock) => utcToLocal(clock.now, clock.timeZone).localDate;

/** The records of one experiment and its analysis as of the runner's today. */
export function experimentResult(db: StanceDatabase, protocolId: number, clock: RunnerClock): ExperimentResult {
  const protocol = getProtocol(db, protocolId);
  const assignments = assignmentsOf(db, protocolId);
  const linked = db
    .prepare(
      `SELECT r.id AS run_id, r.started_at, r.local_date, r.distance_m, r.pain_status, r.pain_not_recorded,
              a.unit_index, a.arm, er.activation_done
       FROM experiment_runs er JOIN experiment_assignments a ON a.id = er.assignment_id JOIN runs r ON r.id = er.run_id
       WHERE a.protocol_id = ? ORDER BY r.started_at, r.id`,
    )
    .all(protocolId) as {
    run_id: number;
    started_at: string;
    local_date: string;
    distance_m: number;
    pain_status: ExperimentRunRecord['painStatus'];
    pain_not_recorded: number;
    unit_index: number;
    arm: ExperimentArm;
    activation_done: ActivationDone | null;
  }[];
  const sites = db.prepare('SELECT onset_m, location, side, worst_score, present_at_start FROM run_pain WHERE run_id = ?');
  const runs: ExperimentRunRecord[] = linked.map((row) => ({
    runId: row.run_id,
    startedAt: row.started_at,
    localDate: row.local_date,
    distanceMetres: row.distance_m,
    unitIndex: row.unit_index,
    arm: row.arm,
    activationDone: row.activation_done,
    painStatus: row.pain_status,
    painNotRecorded: row.pain_not_recorded === 1,
    sites: (sites.all(row.run_id) as { onset_m: number; location: PainLocation; side: 'left' | 'right' | 'both'; worst_score: number; present_at_start: number }[]).map((site) => ({
      onsetMetres: site.onset_m,
      location: site.location,
      side: site.side,
      worstScore: site.worst_score,
      presentAtStart: site.present_at_start === 1,
    })),
  }));
  const contents = protocol.contents;
  const end = plannedEndDate(contents) ?? '9999-12-31';
  const stopDay = protocol.stoppedAt === null ? '9999-12-31' : protocol.stoppedAt.slice(0, 10);
  const outsideUntil = [end, stopDay, addDays(today(clock), 1)].sort()[0]!;
  const runsOutside = (
    db
      .prepare(
        `SELECT id AS runId, local_date AS localDate FROM runs
         WHERE local_date >= ? AND local_date < ? AND id NOT IN (SELECT run_id FROM experiment_runs) ORDER BY started_at`,
      )
      .all(contents.startDate, outsideUntil) as { runId: number; localDate: string }[]
  );
  return analyseExperiment({
    protocol,
    assignments: assignments.map((row) => ({ unitIndex: row.unit_index, arm: row.arm, drawnAt: row.drawn_at, localDate: row.local_date })),
    runs,
    runsOutside,
    today: today(clock),
  });
}

/** The experiment still running (fixed, not stopped, not finished), if any. */
function runningProtocol(db: StanceDatabase, clock: RunnerClock): { protocol: ExperimentProtocol; finished: boolean } | null {
  const row = db.prepare('SELECT * FROM experiment_protocols WHERE stopped_at IS NULL ORDER BY id DESC LIMIT 1').get() as ProtocolRow | undefined;
  if (row === undefined) return null;
  const protocol = toProtocol(row);
  return { protocol, finished: isFinished(db, protocol, clock) };
}

function isFinished(db: StanceDatabase, protocol: ExperimentProtocol, clock: RunnerClock): boolean {
  const end = plannedEndDate(protocol.contents);
  if (end !== null && today(clock) >= end) return true;
  // A length in painful runs, or a claim before the end: only the analysis can tell.
  const painful = db
    .prepare(
      `SELECT count(*) AS n FROM experiment_runs er JOIN experiment_assignments a ON a.id = er.assignment_id
       WHERE a.protocol_id = ? AND EXISTS (SELECT 1 FROM run_pain p WHERE p.run_id = er.run_id)`,
    )
    .get(protocol.id) as { n: number };
  if (painful.n < ANALYSIS_EVERY_PAINFUL_RUNS) return false;
  return experimentResult(db, protocol.id, clock).finished;
}

/** What the setup page shows. */
export function experimentSetup(db: StanceDatabase, clock: RunnerClock): ExperimentSetup {
  const protocols = listProtocols(db);
  const running = runningProtocol(db, clock);
  const active = running !== null && !running.finished ? running.protocol : null;
  const outcome = mainComplaintOf(db);
  const day = today(clock);
  // The runner's own running over the last 12 weeks: runs a week, and how many hurt (main complaint).
  const from = addDays(day, -84);
  const recent = db.prepare('SELECT id, local_date, distance_m, pain_status, pain_not_recorded FROM runs WHERE local_date >= ? AND local_date <= ?').all(from, day) as {
    id: number;
    local_date: string;
    distance_m: number;
    pain_status: ExperimentRunRecord['painStatus'];
    pain_not_recorded: number;
  }[];
  const sites = db.prepare('SELECT onset_m, location, side, worst_score, present_at_start FROM run_pain WHERE run_id = ?');
  let noted = 0;
  let painful = 0;
  for (const run of recent) {
    const kind = runOutcome(
      {
        runId: run.id,
        startedAt: '',
        localDate: run.local_date,
        distanceMetres: run.distance_m,
        unitIndex: 0,
        arm: 'none',
        activationDone: null,
        painStatus: run.pain_status,
        painNotRecorded: run.pain_not_recorded === 1,
        sites: (sites.all(run.id) as { onset_m: number; location: PainLocation; side: 'left' | 'right' | 'both'; worst_score: number; present_at_start: number }[]).map((site) => ({
          onsetMetres: site.onset_m,
          location: site.location,
          side: site.side,
          worstScore: site.worst_score,
          presentAtStart: site.present_at_start === 1,
        })),
      },
      outcome,
    ).kind;
    if (kind === 'onset' || kind === 'pain_free') noted += 1;
    if (kind === 'onset') painful += 1;
  }
  const weeks = 12;
  const runsPerWeek = recent.length / weeks;
  const painfulShare = noted > 0 ? painful / noted : null;
  const painfulRunsPerWeek = painfulShare === null ? null : runsPerWeek * painfulShare;
  const names = (db.prepare("SELECT name FROM exercises WHERE category = 'glute_hip' AND archived = 0 ORDER BY name").pluck().all() as string[]);
  return {
    active,
    past: protocols.filter((protocol) => protocol.id !== active?.id).reverse(),
    defaults: { routine: DEFAULT_ACTIVATION_ROUTINE, painfulRuns: DEFAULT_EXPERIMENT_PAINFUL_RUNS, scheme: 'run_day_blocks_of_4', outcome, startDate: day },
    forecast: {
      weeksLookedAt: weeks,
      runsPerWeek,
      painfulShare,
      painfulRunsPerWeek,
      weeksForDefault: painfulRunsPerWeek !== null && painfulRunsPerWeek > 0 ? Math.ceil(DEFAULT_EXPERIMENT_PAINFUL_RUNS / painfulRunsPerWeek) : null,
    },
    exerciseNames: names,
    rule: EXPERIMENT_RULE,
  };
}

/**
 * Fixes a protocol: checks the choices, adds the main complaint, the rule and a fresh seed, and
 * stores it with the moment and the SHA-256 of its canonical JSON, in one transaction.
 *
 * @throws StanceError ('refused') while another experiment runs; ('invalid') for a start in the
 *   past or more than 28 days ahead, or an exercise not in the library.
 */
export function fixProtocol(db: StanceDatabase, draft: ValidInput<'experiment:fix'>, clock: RunnerClock, seed: string = newExperimentSeed()): ExperimentProtocol {
  checkSeed(seed);
  return db.transaction(() => {
    const running = runningProtocol(db, clock);
    if (running !== null && !running.finished) {
      throw new StanceError('refused', 'An experiment is already running. Finish it, or stop it early with a reason, before you set up another.');
    }
    const day = today(clock);
    if (draft.startDate < day) throw new StanceError('invalid', 'An experiment starts today or later, never in the past.', 'startDate');
    if (daysBetween(day, draft.startDate) > LATEST_START_DAYS) throw new StanceError('invalid', 'Start within the next 4 weeks.', 'startDate');
    const known = new Map((db.prepare('SELECT name FROM exercises').pluck().all() as string[]).map((name) => [name.toLowerCase(), name]));
    const exercises = draft.routine.exercises.map((exercise, index) => {
      const name = known.get(exercise.name.toLowerCase());
      if (name === undefined) throw new StanceError('invalid', `“${exercise.name}” is not in your exercise library. Pick one from the list, or add it on the Strength page first.`, `routine.exercises.${index}.name`);
      return { name, sets: exercise.sets, reps: exercise.reps, seconds: exercise.seconds, perSide: exercise.perSide };
    });
    const contents: ExperimentProtocolContents = {
      version: 1,
      routine: { exercises, minutes: draft.routine.minutes },
      length: draft.length.unit === 'weeks' ? { unit: 'weeks', weeks: draft.length.weeks } : { unit: 'painful_runs', painfulRuns: draft.length.painfulRuns },
      scheme: draft.scheme,
      outcome: mainComplaintOf(db),
      startDate: draft.startDate,
      rule: EXPERIMENT_RULE,
      seed,
    };
    const canonical = canonicalJson(contents);
    const row = { contents: canonical, content_sha256: protocolSha256(canonical), fixed_at: isoUtc(clock.now), stopped_at: null, stop_reason: null };
    checkRow(db, 'experiment_protocols', row, clock.now);
    const result = db
      .prepare('INSERT INTO experiment_protocols (contents, content_sha256, fixed_at) VALUES (?, ?, ?)')
      .run(row.contents, row.content_sha256, row.fixed_at);
    return getProtocol(db, Number(result.lastInsertRowid));
  })();
}

/** Stops the running experiment early with the runner's reason (once). */
export function stopProtocol(db: StanceDatabase, request: ValidInput<'experiment:stop'>, clock: RunnerClock): ExperimentProtocol {
  return db.transaction(() => {
    const protocol = getProtocol(db, request.protocolId);
    if (protocol.stoppedAt !== null) throw new StanceError('refused', `This experiment was already stopped on ${protocol.stoppedAt.slice(0, 10)}.`);
    if (isFinished(db, protocol, clock)) throw new StanceError('refused', 'This experiment has already finished: there is nothing to stop.');
    checkRow(db, 'experiment_protocols', { id: protocol.id, contents: protocol.canonical, content_sha256: protocol.sha256, fixed_at: protocol.fixedAt, stopped_at: isoUtc(clock.now), stop_reason: request.reason }, clock.now);
    db.prepare('UPDATE experiment_protocols SET stopped_at = ?, stop_reason = ? WHERE id = ?').run(isoUtc(clock.now), request.reason, protocol.id);
    return getProtocol(db, protocol.id);
  })();
}

function drawAssignment(db: StanceDatabase, protocol: ExperimentProtocol, unitIndex: number, clock: RunnerClock, localDate: string | null): AssignmentRow {
  const arm = assignedArm(protocol.contents.seed, protocol.contents.scheme, unitIndex);
  checkRow(db, 'experiment_assignments', { protocol_id: protocol.id, unit_index: unitIndex, arm, drawn_at: isoUtc(clock.now), local_date: localDate }, clock.now);
  const result = db
    .prepare('INSERT INTO experiment_assignments (protocol_id, unit_index, arm, drawn_at, local_date) VALUES (?, ?, ?, ?, ?)')
    .run(protocol.id, unitIndex, arm, isoUtc(clock.now), localDate);
  return { id: Number(result.lastInsertRowid), unit_index: unitIndex, arm, drawn_at: isoUtc(clock.now), local_date: localDate };
}

/**
 * Today's line for the next run. The first time it is shown for a run day (or a week) the
 * assignment is drawn from the protocol's seed and stored; later it is read back, never drawn
 * again. Null when there is no experiment to show.
 */
export function experimentToday(db: StanceDatabase, clock: RunnerClock): ExperimentTodayLine | null {
  return db.transaction((): ExperimentTodayLine | null => {
    const running = runningProtocol(db, clock);
    if (running === null) return null;
    const { protocol, finished } = running;
    const contents = protocol.contents;
    const day = today(clock);
    const unanswered = (
      db
        .prepare(
          `SELECT r.id AS runId, r.local_date AS localDate, r.distance_m AS distanceMetres, a.arm
           FROM experiment_runs er JOIN experiment_assignments a ON a.id = er.assignment_id JOIN runs r ON r.id = er.run_id
           WHERE a.protocol_id = ? AND er.activation_done IS NULL ORDER BY r.started_at`,
        )
        .all(protocol.id) as ExperimentTodayLine['unanswered']
    );
    const base = { protocolId: protocol.id, scheme: contents.scheme, unanswered, routine: contents.routine, startDate: contents.startDate };
    if (finished) return { ...base, state: 'finished', arm: 'none', unitNumber: 0, drawnAt: '' };
    if (day < contents.startDate) return { ...base, state: 'not_started', arm: 'none', unitNumber: 0, drawnAt: '' };
    let assignment: AssignmentRow | undefined;
    const assignments = assignmentsOf(db, protocol.id);
    if (contents.scheme === 'run_day_blocks_of_4') {
      assignment = assignments.find((row) => row.local_date === day) ?? assignments.find((row) => row.local_date === null);
      assignment ??= drawAssignment(db, protocol, assignments.length, clock, null);
    } else {
      const week = experimentWeek(contents.startDate, day);
      assignment = assignments.find((row) => row.unit_index === week) ?? drawAssignment(db, protocol, week, clock, addDays(contents.startDate, week * 7));
    }
    return { ...base, state: 'running', arm: assignment.arm, unitNumber: assignment.unit_index + 1, drawnAt: assignment.drawn_at };
  })();
}

/**
 * Links a newly stored run to the assignment of its day, when one was drawn (shown) before the
 * run started: the run day's assignment, else the oldest one waiting for its run day (which this
 * run's day becomes); for whole weeks, its week's. A run with no assignment shown before it is
 * left an ordinary run (the result lists it). Call inside the run's own transaction.
 */
export function linkRunToExperiment(db: StanceDatabase, runId: number): void {
  const run = db.prepare('SELECT started_at, local_date FROM runs WHERE id = ?').get(runId) as { started_at: string; local_date: string } | undefined;
  if (run === undefined) return;
  const row = db.prepare('SELECT * FROM experiment_protocols WHERE stopped_at IS NULL ORDER BY id DESC LIMIT 1').get() as ProtocolRow | undefined;
  if (row === undefined) return;
  const protocol = toProtocol(row);
  const contents = protocol.contents;
  if (run.local_date < contents.startDate) return;
  const end = plannedEndDate(contents);
  if (end !== null && run.local_date >= end) return;
  const assignments = assignmentsOf(db, protocol.id).filter((assignment) => assignment.drawn_at <= run.started_at);
  let assignment: AssignmentRow | undefined;
  if (contents.scheme === 'run_day_blocks_of_4') {
    assignment = assignments.find((candidate) => candidate.local_date === run.local_date);
    if (assignment === undefined) {
      assignment = assignments.find((candidate) => candidate.local_date === null);
      if (assignment !== undefined) db.prepare('UPDATE experiment_assignments SET local_date = ? WHERE id = ?').run(run.local_date, assignment.id);
    }
  } else {
    const week = experimentWeek(contents.startDate, run.local_date);
    assignment = assignments.find((candidate) => candidate.unit_index === week);
  }
  if (assignment === undefined) return;
  db.prepare('INSERT OR IGNORE INTO experiment_runs (run_id, assignment_id) VALUES (?, ?)').run(runId, assignment.id);
}

/** Records what was really done before an experiment run. */
export function answerActivation(db: StanceDatabase, answer: ValidInput<'experiment:answer'>, clock: RunnerClock): { runId: number; activationDone: ActivationDone } {
  const link = db.prepare('SELECT assignment_id FROM experiment_runs WHERE run_id = ?').get(answer.runId) as { assignment_id: number } | undefined;
  if (link !== undefined) {
    checkRow(db, 'experiment_runs', { run_id: answer.runId, assignment_id: link.assignment_id, activation_done: answer.activationDone, answered_at: isoUtc(clock.now) }, clock.now);
  }
  const result = db.prepare('UPDATE experiment_runs SET activation_done = ?, answered_at = ? WHERE run_id = ?').run(answer.activationDone, isoUtc(clock.now), answer.runId);
  if (result.changes === 0) throw new StanceError('refused', 'That run is not part of an experiment, so there is nothing to answer for it.');
  return { runId: answer.runId, activationDone: answer.activationDone };
}
