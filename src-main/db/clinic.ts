/**
 * The physiotherapist's check-ins: the weekly OSTRC-O2 knee questionnaire (ostrc_weeks), a run's
 * pain after it and the next morning (run_pain_followups), what Today asks of them, and the
 * figures of the one-page report. Scoring lives in shared/ostrc.ts, the pain rules in
 * shared/pain-monitoring.ts; this module reads and writes, one transaction per save.
 */
import type { StanceDatabase } from './open';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { addDays, weekStart } from '../shared/calendar';
import { scoreOstrc, type OstrcAnswerScore, type OstrcWeek } from '../shared/ostrc';
import { judgeRunPain, painWarnings, SETTLED_BY_MORNING_MAX, type PainWeek, type RunPainScores } from '../shared/pain-monitoring';
import type { ClinicReport, ClinicToday, ReportOnset, ReportWeek, RunPainFollowup } from '../shared/clinic';
import type { WeekStartDay } from '../shared/domain';
import { plannedSessions, sessionsDone } from '../analysis/glute-plan';
import { gluteSessionDates, planHistory } from './glute-plan';
import { getRun, listRuns } from './runs';
import { getSettings } from './settings';
import { isoUtc, utcToLocal } from './local-time';
import { readInsights } from './insights';

/** The runner's clock: the instant and their IANA zone (their calendar decides "today"). */
export interface RunnerClock {
  now: Date;
  timeZone: string;
}

interface OstrcRow {
  id: number;
  week_start: string;
  q1: OstrcAnswerScore;
  q2: OstrcAnswerScore | null;
  q3: OstrcAnswerScore | null;
  q4: OstrcAnswerScore | null;
  updated_at: string;
}

function toOstrcWeek(row: OstrcRow): OstrcWeek {
  const answers = { q1: row.q1, q2: row.q2, q3: row.q3, q4: row.q4 };
  return { id: row.id, weekStart: row.week_start, answeredAt: row.updated_at, ...answers, ...scoreOstrc(answers) };
}

const SELECT_OSTRC = 'SELECT id, week_start, q1, q2, q3, q4, updated_at FROM ostrc_weeks';

/** The weekly questionnaires, oldest first, from `fromWeek` (a week start, YYYY-MM-DD) on. */
export function listOstrcWeeks(db: StanceDatabase, query: { fromWeek?: string | undefined } = {}): OstrcWeek[] {
  const rows = db.prepare(`${SELECT_OSTRC} WHERE week_start >= ? ORDER BY week_start`).all(query.fromWeek ?? '0000-00-00') as OstrcRow[];
  return rows.map(toOstrcWeek);
}

function ostrcForWeek(db: StanceDatabase, start: string): OstrcWeek | null {
  const row = db.prepare(`${SELECT_OSTRC} WHERE week_start = ?`).get(start) as OstrcRow | undefined;
  return row ? toOstrcWeek(row) : null;
}

/**
 * Saves one week's OSTRC-O2 answers, replacing that week's if already answered (one transaction).
 *
 * @throws StanceError ('invalid') when weekStart is not the first day of a week by the runner's
 *   setting, or is a week that has not begun yet, or is before 1970.
 */
export function saveOstrcWeek(db: StanceDatabase, draft: ValidInput<'ostrc:save'>, clock: RunnerClock): OstrcWeek {
  const { weekStartsOn } = getSettings(db);
  const today = utcToLocal(clock.now, clock.timeZone).localDate;
  if (weekStart(draft.weekStart, weekStartsOn) !== draft.weekStart) {
    throw new StanceError('invalid', `${draft.weekStart} is not the first day of a week (your weeks start on ${dayName(weekStartsOn)}).`, 'weekStart');
  }
  if (draft.weekStart > weekStart(today, weekStartsOn)) throw new StanceError('invalid', 'That week has not begun yet. Answer for this week or an earlier one.', 'weekStart');
  if (draft.weekStart < '1970-01-01') throw new StanceError('invalid', 'That week is before 1970. Check the year.', 'weekStart');
  const stamp = isoUtc(clock.now);
  db.prepare(
    `INSERT INTO ostrc_weeks (week_start, q1, q2, q3, q4, created_at, updated_at) VALUES (@weekStart, @q1, @q2, @q3, @q4, @stamp, @stamp)
     ON CONFLICT (week_start) DO UPDATE SET q1 = excluded.q1, q2 = excluded.q2, q3 = excluded.q3, q4 = excluded.q4, updated_at = excluded.updated_at`,
  ).run({ weekStart: draft.weekStart, q1: draft.q1, q2: draft.q2, q3: draft.q3, q4: draft.q4, stamp });
  return ostrcForWeek(db, draft.weekStart)!;
}

function dayName(day: WeekStartDay): string {
  return day === 0 ? 'Sunday' : day === 1 ? 'Monday' : 'Saturday';
}

/** The worst score during each run (its highest pain site), by run id. */
function duringScores(db: StanceDatabase, runIds: readonly number[]): Map<number, number> {
  const result = new Map<number, number>();
  const read = db.prepare('SELECT MAX(worst_score) AS worst FROM run_pain WHERE run_id = ?');
  for (const runId of runIds) {
    const row = read.get(runId) as { worst: number | null };
    if (row.worst !== null) result.set(runId, row.worst);
  }
  return result;
}

function scoresOf(db: StanceDatabase, runId: number): RunPainScores {
  const during = (db.prepare('SELECT MAX(worst_score) AS worst FROM run_pain WHERE run_id = ?').get(runId) as { worst: number | null }).worst;
  const followup = db.prepare('SELECT after_score, next_morning_score FROM run_pain_followups WHERE run_id = ?').get(runId) as
    | { after_score: number | null; next_morning_score: number | null }
    | undefined;
  return { during, after: followup?.after_score ?? null, nextMorning: followup?.next_morning_score ?? null };
}

/** A run's pain through the pain-monitoring model: its three scores and its traffic light. Refuses a run that does not exist. */
export function getRunFollowup(db: StanceDatabase, runId: number, clock: RunnerClock): RunPainFollowup {
  const run = getRun(db, runId);
  const today = utcToLocal(clock.now, clock.timeZone).localDate;
  const scores = scoresOf(db, runId);
  return { runId, localDate: run.localDate, scores, judgement: judgeRunPain(scores), nextMorningOpen: today > run.localDate };
}

/**
 * Saves a run's pain after it and the next morning (0–10 each; null: not given), one transaction.
 * Both null removes the follow-up.
 *
 * @throws StanceError ('refused') for a run without knee pain recorded; ('invalid') for a
 *   next-morning score before that morning has come on the runner's calendar.
 */
export function setRunFollowup(db: StanceDatabase, draft: ValidInput<'followup:set'>, clock: RunnerClock): RunPainFollowup {
  return db.transaction(() => {
    const run = getRun(db, draft.runId);
    if (run.painStatus !== 'pain') {
      throw new StanceError('refused', 'This run has no knee pain recorded. Record the pain on the run first; the follow-up is for runs that hurt.');
    }
    const today = utcToLocal(clock.now, clock.timeZone).localDate;
    if (draft.nextMorningScore !== null && today <= run.localDate) {
      throw new StanceError('invalid', 'The next morning has not come yet. Give the score after the run now, and the morning one tomorrow.', 'nextMorningScore');
    }
    if (draft.afterScore === null && draft.nextMorningScore === null) {
      db.prepare('DELETE FROM run_pain_followups WHERE run_id = ?').run(draft.runId);
    } else {
      db.prepare(
        `INSERT INTO run_pain_followups (run_id, after_score, next_morning_score, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET after_score = excluded.after_score, next_morning_score = excluded.next_morning_score, updated_at = excluded.updated_at`,
      ).run(draft.runId, draft.afterScore, draft.nextMorningScore, isoUtc(clock.now));
    }
    return getRunFollowup(db, draft.runId, clock);
  })();
}

/**
 * The weeks from `from` to `to` (week starts, inclusive) through the pain-monitoring model: each
 * run's worst of during/after/next morning, the week's worst, runs not settled by the next
 * morning, and whether the worst rose from the week before (weeks without runs break the chain).
 */
export function painWeeks(db: StanceDatabase, from: string, to: string, weekStartsOn: WeekStartDay): PainWeek[] {
  const runs = listRuns(db, { fromDate: addDays(from, -7), toDate: addDays(to, 6) });
  const during = duringScores(db, runs.filter((run) => run.painStatus === 'pain').map((run) => run.id));
  const followups = new Map(
    (db.prepare('SELECT run_id, after_score, next_morning_score FROM run_pain_followups').all() as { run_id: number; after_score: number | null; next_morning_score: number | null }[]).map(
      (row) => [row.run_id, row],
    ),
  );
  const weeks: PainWeek[] = [];
  let previous: PainWeek | null = null;
  for (let start = addDays(from, -7); start <= to; start = addDays(start, 7)) {
    const inWeek = runs.filter((run) => weekStart(run.localDate, weekStartsOn) === start);
    let worstScore = 0;
    let notSettledRuns = 0;
    for (const run of inWeek) {
      const followup = followups.get(run.id);
      const scores = [during.get(run.id) ?? 0, followup?.after_score ?? 0, followup?.next_morning_score ?? 0];
      worstScore = Math.max(worstScore, ...scores);
      if (followup?.next_morning_score != null && followup.next_morning_score > SETTLED_BY_MORNING_MAX) notSettledRuns++;
    }
    const week: PainWeek = {
      weekStart: start,
      runs: inWeek.length,
      worstScore,
      notSettledRuns,
      risingFromLastWeek: previous !== null && previous.runs > 0 && inWeek.length > 0 && worstScore > previous.worstScore,
    };
    if (start >= from) weeks.push(week);
    previous = week;
  }
  return weeks;
}

/** What Today asks and shows of the check-ins, on the runner's calendar at `clock`. */
export function clinicToday(db: StanceDatabase, clock: RunnerClock): ClinicToday {
  return db.transaction(() => {
    const { weekStartsOn } = getSettings(db);
    const today = utcToLocal(clock.now, clock.timeZone).localDate;
    const start = weekStart(today, weekStartsOn);
    const recent = listRuns(db, { fromDate: addDays(today, -2), toDate: today }).filter((run) => run.painStatus === 'pain');
    const followupsDue = recent
      .map((run) => ({ run, ...getRunFollowup(db, run.id, clock) }))
      .filter((item) => item.scores.after === null || (item.nextMorningOpen && item.scores.nextMorning === null));
    const [lastWeek, thisWeek] = painWeeks(db, addDays(start, -7), start, weekStartsOn) as [PainWeek, PainWeek];
    return {
      today,
      weekStart: start,
      ostrcThisWeek: ostrcForWeek(db, start),
      followupsDue,
      painWeek: thisWeek,
      warnings: painWarnings([lastWeek, thisWeek]),
    };
  })();
}

/** Letter where it is the usual paper (the US, Canada, Mexico, Chile, Colombia, Venezuela, the Philippines); A4 elsewhere. */
export function paperFor(locale: string | undefined): 'A4' | 'Letter' {
  const region = (locale ?? '').split(/[-_]/)[1]?.toUpperCase();
  return region !== undefined && ['US', 'CA', 'MX', 'CL', 'CO', 'VE', 'PH'].includes(region) ? 'Letter' : 'A4';
}

function describePlan(db: StanceDatabase, today: string): string {
  const plans = planHistory(db).filter((plan) => plan.effectiveFrom <= today);
  const plan = plans[plans.length - 1];
  if (!plan) return 'No glute plan set.';
  return plan.kind === 'per_week' ? `Glute work ${plan.sessionsPerWeek}× a week` : `Glute work every ${plan.everyNDays} days`;
}

/**
 * The one-page report's figures: the last `weeks` whole or current weeks ending with this one,
 * week by week (runs, distance in metres, glute sessions against the plan, OSTRC severity, worst
 * pain), every pain onset, the Insights headline over the whole history (as on the Insights
 * page), and the pain-monitoring warnings of those weeks.
 */
export function clinicReport(db: StanceDatabase, query: ValidInput<'report:get'>, clock: RunnerClock): ClinicReport {
  return db.transaction(() => {
    const { weekStartsOn, units } = getSettings(db);
    const today = utcToLocal(clock.now, clock.timeZone).localDate;
    const to = weekStart(today, weekStartsOn);
    const from = addDays(to, -7 * (query.weeks - 1));
    const runs = listRuns(db, { fromDate: from, toDate: addDays(to, 6) });
    const plans = planHistory(db);
    const sessions = gluteSessionDates(db);
    const ostrc = new Map(listOstrcWeeks(db, { fromWeek: from }).map((week) => [week.weekStart, week]));
    const pain = painWeeks(db, from, to, weekStartsOn);
    const weekRows: ReportWeek[] = pain.map((week) => {
      const end = addDays(week.weekStart, 6);
      const inWeek = runs.filter((run) => run.localDate >= week.weekStart && run.localDate <= end);
      const answered = ostrc.get(week.weekStart);
      return {
        weekStart: week.weekStart,
        runs: inWeek.length,
        distanceMetres: inWeek.reduce((sum, run) => sum + run.distanceMetres, 0),
        gluteSessionsDone: sessionsDone(sessions, week.weekStart, end),
        gluteSessionsPlanned: plans.length > 0 ? Math.round(plannedSessions(plans, week.weekStart, end) * 10) / 10 : null,
        ostrcSeverity: answered?.severity ?? null,
        ostrcSubstantial: answered?.substantial ?? false,
        worstPainScore: week.worstScore,
      };
    });
    const onsets = db
      .prepare(
        `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS runDistanceMetres, run_pain.onset_m AS painOnsetMetres,
                run_pain.present_at_start AS presentAtStart, run_pain.location, run_pain.side, run_pain.worst_score AS worstScore
         FROM run_pain JOIN runs ON runs.id = run_pain.run_id
         WHERE runs.local_date BETWEEN ? AND ? ORDER BY runs.started_at, run_pain.onset_m`,
      )
      .all(from, addDays(to, 6)) as (Omit<ReportOnset, 'presentAtStart'> & { presentAtStart: number })[];
    const insights = readInsights(db, { fromDate: null, toDate: null, location: 'lateral_knee', side: 'any' }, clock.now, clock.timeZone);
    return {
      madeAt: isoUtc(clock.now),
      today,
      weeks: query.weeks,
      from,
      to: addDays(to, 6),
      units,
      paper: paperFor(query.locale),
      weekRows,
      onsets: onsets.map((onset) => ({ ...onset, presentAtStart: onset.presentAtStart === 1 })),
      headline: {
        verdict: insights.verdict,
        exposure: insights.model.exposure,
        analysedRuns: insights.counts.analysed,
        painEvents: insights.counts.painEvents,
        source: insights.source,
      },
      warnings: painWarnings(pain),
      plan: describePlan(db, today),
    };
  })();
}
