/**
 * The physiotherapist's check-ins: the weekly OSTRC-O2 knee questionnaire (ostrc_weeks) and a
 * run's pain after it and the next morning (run_pain_followups). Scoring lives in
 * shared/ostrc.ts, the pain rules in shared/pain-monitoring.ts; this module reads and writes,
 * one transaction per save. What Today and the report make of them is services/clinic.ts.
 */
import type { StanceDatabase } from './open';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { weekStart } from '../shared/calendar';
import { scoreOstrc, type OstrcAnswerScore, type OstrcWeek } from '../shared/ostrc';
import { judgeRunPain, type RunPainScores } from '../shared/pain-monitoring';
import type { RunPainFollowup } from '../shared/clinic';
import type { WeekStartDay } from '../shared/domain';
import { getRun } from './runs';
import { getSettings } from './settings';
import { isoUtc, utcToLocal } from './local-time';
import { checkStored } from './tables';

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

/** The questionnaire of the week starting `start`, or null when that week was not answered. */
export function ostrcForWeek(db: StanceDatabase, start: string): OstrcWeek | null {
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
  db.transaction(() => {
    db.prepare(
      `INSERT INTO ostrc_weeks (week_start, q1, q2, q3, q4, created_at, updated_at) VALUES (@weekStart, @q1, @q2, @q3, @q4, @stamp, @stamp)
       ON CONFLICT (week_start) DO UPDATE SET q1 = excluded.q1, q2 = excluded.q2, q3 = excluded.q3, q4 = excluded.q4, updated_at = excluded.updated_at`,
    ).run({ weekStart: draft.weekStart, q1: draft.q1, q2: draft.q2, q3: draft.q3, q4: draft.q4, stamp });
    checkStored(db, 'ostrc_weeks', 'week_start = ?', [draft.weekStart], { db, now: clock.now }, 'knee questionnaire');
  })();
  return ostrcForWeek(db, draft.weekStart)!;
}

function dayName(day: WeekStartDay): string {
  return day === 0 ? 'Sunday' : day === 1 ? 'Monday' : 'Saturday';
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
      checkStored(db, 'run_pain_followups', 'run_id = ?', [draft.runId], { db, now: clock.now }, 'pain follow-up');
    }
    return getRunFollowup(db, draft.runId, clock);
  })();
}

