/**
 * What the clinician-facing features return: Today's weekly knee check and pain follow-ups, a
 * run's pain-monitoring light, and the one-page report. Pure types.
 */
import type { Run } from './domain';
import type { OstrcWeek } from './ostrc';
import type { PainWarning, PainWeek, RunPainJudgement, RunPainScores } from './pain-monitoring';
import type { PainLocation, PainSide } from './pain';
import type { FixedAnalysisSummary, InsightsVerdict, ModelTerm, ViewDescription } from './insights';

/** A run's pain as the pain-monitoring model sees it. */
export interface RunPainFollowup {
  runId: number;
  /** The run's local date (YYYY-MM-DD). */
  localDate: string;
  scores: RunPainScores;
  /** The traffic light; null when no score was given. */
  judgement: RunPainJudgement | null;
  /** True when the next morning has come on the runner's calendar: its score can be given. */
  nextMorningOpen: boolean;
}

export interface ClinicToday {
  today: string;
  /** First day of this week on the runner's calendar: the OSTRC week asked about. */
  weekStart: string;
  /** This week's questionnaire, once answered. */
  ostrcThisWeek: OstrcWeek | null;
  /** Runs of the last two days that hurt and whose follow-up scores are not all given, newest first. */
  followupsDue: (RunPainFollowup & { run: Run })[];
  /** The same runs once their scores are in (nothing more to ask yet), with their traffic light, newest first. */
  followupsGiven: (RunPainFollowup & { run: Run })[];
  /** This week through the pain-monitoring model, and its warnings (this week's and last week's). */
  painWeek: PainWeek;
  warnings: PainWarning[];
}

export interface ReportWeek {
  weekStart: string;
  runs: number;
  distanceMetres: number;
  gluteSessionsDone: number;
  /** Sessions the plan called for; null with no plan that week. */
  gluteSessionsPlanned: number | null;
  /** OSTRC-O2 severity 0–100; null when not answered that week. */
  ostrcSeverity: number | null;
  ostrcSubstantial: boolean;
  /** The week's worst pain score (during, after, next morning), 0–10. */
  worstPainScore: number;
}

export interface ReportOnset {
  runId: number;
  localDate: string;
  runDistanceMetres: number;
  painOnsetMetres: number;
  presentAtStart: boolean;
  location: PainLocation;
  side: PainSide;
  worstScore: number;
}

export interface ClinicReport {
  /** When it was made (ISO 8601 UTC) and the runner's today. */
  madeAt: string;
  today: string;
  weeks: number;
  from: string;
  to: string;
  units: 'mi' | 'km';
  /** 'A4' or 'Letter' by the runner's locale (Letter in the US, Canada, Mexico, the Philippines…). */
  paper: 'A4' | 'Letter';
  weekRows: ReportWeek[];
  onsets: ReportOnset[];
  /**
   * The Insights' fixed analysis (main complaint, all the runner's data from the first run with a
   * pain note, in its periods): the verdict, the headline's groups and sizes, the ratio where one
   * can be read, the period it covers; the same as the Insights page's (issue 17).
   */
  headline: {
    verdict: InsightsVerdict;
    fixed: FixedAnalysisSummary;
    /** The report's weeks alone: a descriptive estimate (groups, ratio or why none), not a test; null for the example. */
    inTheseWeeks: ViewDescription | null;
    /** The next milestone not yet reached (null when all are) and the last one. */
    milestones: { next: number | null; last: number };
    exposure: ModelTerm | null;
    analysedRuns: number;
    painEvents: number;
    source: 'yours' | 'example';
  };
  warnings: PainWarning[];
  plan: string;
}
