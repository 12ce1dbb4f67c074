/**
 * The pain-monitoring model: how much knee pain is acceptable around a run.
 *
 * Sources: Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Continued sports activity, using a
 * pain-monitoring model, during rehabilitation in patients with Achilles tendinopathy. Am J Sports
 * Med 2007;35:897–906; applied to running by Vincent HK, Vincent KR. Rehabilitation and return to
 * running after lower limb injury. Curr Sports Med Rep 2017;16:122. The rules:
 *  - pain 0–2 out of 10 is safe, 3–5 acceptable, above 5 too much (during the run or after it);
 *  - pain after a run must have settled by the next morning (here: back to 2 or less);
 *  - pain must not rise from week to week.
 *
 * This is guidance from a published rehabilitation model, not a diagnosis; every place it is
 * shown names the source. Pure: no node or electron imports.
 */

export const painZones = ['safe', 'acceptable', 'too_much'] as const;
export type PainZone = (typeof painZones)[number];

/** The traffic light of a run: green, amber, red. */
export type PainLight = 'green' | 'amber' | 'red';

/** The highest score that counts as settled the next morning (the top of the safe zone). */
export const SETTLED_BY_MORNING_MAX = 2;

export const PAIN_MONITORING_SOURCE = 'pain-monitoring model (Silbernagel et al., Am J Sports Med 2007; Vincent & Vincent, Curr Sports Med Rep 2017)';

/** The zone of one 0–10 score: 0–2 safe, 3–5 acceptable, above 5 too much. */
export function painZone(score: number): PainZone {
  if (score <= 2) return 'safe';
  if (score <= 5) return 'acceptable';
  return 'too_much';
}

/** A run's three scores (0–10 each; null: not given). */
export interface RunPainScores {
  /** The worst score during the run (the highest of its pain sites). */
  during: number | null;
  /** The worst score after the run, the same day. */
  after: number | null;
  /** The score the next morning. */
  nextMorning: number | null;
}

export interface RunPainJudgement {
  light: PainLight;
  /** The highest of the scores given. */
  worstScore: number;
  zone: PainZone;
  /** True when the next-morning score is above 2: the pain had not settled. */
  notSettled: boolean;
  /** What the light means, in the runner's words, naming the source. */
  message: string;
}

/**
 * The traffic light for one run: green when every score given is in the safe zone, amber when the
 * worst is acceptable (3–5), red when any is above 5 or the pain had not settled by the next
 * morning. Null when no score was given.
 */
export function judgeRunPain(scores: RunPainScores): RunPainJudgement | null {
  const given = [scores.during, scores.after, scores.nextMorning].filter((score): score is number => score !== null);
  if (given.length === 0) return null;
  const worstScore = Math.max(...given);
  const zone = painZone(worstScore);
  const notSettled = scores.nextMorning !== null && scores.nextMorning > SETTLED_BY_MORNING_MAX;
  const light: PainLight = zone === 'too_much' || notSettled ? 'red' : zone === 'acceptable' ? 'amber' : 'green';
  const parts: string[] = [];
  if (zone === 'safe') parts.push(`Worst pain ${worstScore}/10: in the safe zone (0–2).`);
  else if (zone === 'acceptable') parts.push(`Worst pain ${worstScore}/10: acceptable (3–5) if it settles by the next morning.`);
  else parts.push(`Worst pain ${worstScore}/10: more than the model allows (above 5).`);
  if (notSettled) parts.push(`Not settled by the next morning (${scores.nextMorning}/10).`);
  else if (scores.nextMorning === null && zone !== 'safe') parts.push('Check how it is the next morning.');
  return { light, worstScore, zone, notSettled, message: `${parts.join(' ')} Guidance from the ${PAIN_MONITORING_SOURCE}, not a diagnosis.` };
}

/** One week of runs seen through the model. */
export interface PainWeek {
  /** First day of the runner's week (YYYY-MM-DD). */
  weekStart: string;
  /** Runs that week. */
  runs: number;
  /** The highest score of any run that week (during, after or next morning); 0 when no run hurt. */
  worstScore: number;
  /** Runs whose pain had not settled by the next morning. */
  notSettledRuns: number;
  /** The week's worst score is higher than the week before's (both weeks with runs). */
  risingFromLastWeek: boolean;
}

/** A warning the model raises, for Today's weekly line and the clinician's report. */
export interface PainWarning {
  weekStart: string;
  kind: 'not_settled' | 'rising' | 'too_much';
  message: string;
}

/**
 * The weeks' warnings: runs above 5, pain not settled by the next morning, and a worst score that
 * rose from the previous week (Silbernagel's "no increase from week to week").
 */
export function painWarnings(weeks: readonly PainWeek[]): PainWarning[] {
  const warnings: PainWarning[] = [];
  for (const week of weeks) {
    if (week.worstScore > 5) warnings.push({ weekStart: week.weekStart, kind: 'too_much', message: `Pain reached ${week.worstScore}/10, above the acceptable 5.` });
    if (week.notSettledRuns > 0) {
      warnings.push({
        weekStart: week.weekStart,
        kind: 'not_settled',
        message: `${week.notSettledRuns} run${week.notSettledRuns === 1 ? '' : 's'} still hurt above 2/10 the next morning.`,
      });
    }
    if (week.risingFromLastWeek) warnings.push({ weekStart: week.weekStart, kind: 'rising', message: `Worst pain rose to ${week.worstScore}/10 from the week before.` });
  }
  return warnings;
}
