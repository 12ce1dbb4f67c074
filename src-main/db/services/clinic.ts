/**
 * The physiotherapist's view: what Today asks and shows of the check-ins, the weeks through the
 * pain-monitoring model, and the figures of the one-page report (with the Insights headline).
 * The check-ins themselves are read and written by db/clinic-checkins.ts; the pain rules live
 * in shared/pain-monitoring.ts.
 */
import type { StanceDatabase } from '../open';
import type { ValidInput } from '../../shared/contract';
import { addDays, weekStart } from '../../shared/calendar';
import { painWarnings, SETTLED_BY_MORNING_MAX, type PainWeek } from '../../shared/pain-monitoring';
import type { ClinicReport, ClinicToday, ReportOnset, ReportWeek } from '../../shared/clinic';
import type { WeekStartDay } from '../../shared/domain';
import { plannedSessions, sessionsDone } from '../../analysis/glute-plan';
import { gluteSessionDates, planHistory } from '../glute-plan';
import { listRuns } from '../runs';
import { getSettings } from '../settings';
import { isoUtc, utcToLocal } from '../local-time';
import { getRunFollowup, listOstrcWeeks, ostrcForWeek, type RunnerClock } from '../clinic-checkins';
import { complaintView, readInsights } from './insights';

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
    const followups = recent.map((run) => ({ run, ...getRunFollowup(db, run.id, clock) }));
    const isDue = (item: (typeof followups)[number]) => item.scores.after === null || (item.nextMorningOpen && item.scores.nextMorning === null);
    const followupsDue = followups.filter(isDue);
    const followupsGiven = followups.filter((item) => !isDue(item) && item.judgement !== null);
    const [lastWeek, thisWeek] = painWeeks(db, addDays(start, -7), start, weekStartsOn) as [PainWeek, PainWeek];
    return {
      today,
      weekStart: start,
      ostrcThisWeek: ostrcForWeek(db, start),
      followupsDue,
      followupsGiven,
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
    // The report starts at the first week with a run or a knee check, never with empty weeks before it.
    const firstRecord = (
      db.prepare('SELECT min(day) AS first FROM (SELECT min(local_date) AS day FROM runs UNION ALL SELECT min(week_start) FROM ostrc_weeks)').get() as { first: string | null }
    ).first;
    const earliest = addDays(to, -7 * (query.weeks - 1));
    const from = firstRecord !== null && firstRecord > earliest ? weekStart(firstRecord <= to ? firstRecord : to, weekStartsOn) : earliest;
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
    // The Insights' fixed analysis (the main complaint, every run from the first with a pain note):
    // the same verdict, groups and period as the page's, whatever the page's view.
    const insights = readInsights(db, { fromDate: null, toDate: null, ...complaintView(getSettings(db).mainComplaint) }, clock.now, clock.timeZone);
    return {
      madeAt: isoUtc(clock.now),
      today,
      // The weeks shown: fewer than asked when the first run came later.
      weeks: weekRows.length,
      from,
      to: addDays(to, 6),
      units,
      paper: paperFor(query.locale),
      weekRows,
      onsets: onsets.map((onset) => ({ ...onset, presentAtStart: onset.presentAtStart === 1 })),
      headline: {
        verdict: insights.verdict,
        fixed: insights.fixed,
        // The report's weeks, described apart: a description, never a test.
        inTheseWeeks:
          insights.source === 'yours'
            ? readInsights(db, { fromDate: from, toDate: addDays(to, 6), ...complaintView(getSettings(db).mainComplaint) }, clock.now, clock.timeZone).description
            : null,
        milestones: {
          next: insights.model.sequential.looks.find((look) => look.reachedOn === null)?.onsets ?? null,
          last: insights.model.sequential.looks[insights.model.sequential.looks.length - 1]?.onsets ?? 0,
        },
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
