/**
 * What came before the pain: the stretch of a run just before the knee pain began, described
 * against the rest of the run. Types shared by main (track/before-pain.ts) and the run page.
 * A description only: it says what the stretch was like, never that it caused the pain.
 */

/** One stretch of a run, in metres, seconds and steps per minute; null where not recorded. */
export interface StretchFigures {
  /** Distance covered in the stretch (metres). */
  metres: number;
  /** Climb per kilometre of the stretch (metres per km); null without elevations. */
  climbPerKm: number | null;
  /** Descent per kilometre (metres per km, positive); null without elevations. */
  descentPerKm: number | null;
  /** Average grade over the stretch (per cent, + up, − down): net elevation change ÷ distance. */
  gradePercent: number | null;
  /** Moving pace (seconds per km; pauses left out); null for a run without times. */
  movingPaceSecondsPerKm: number | null;
  /** Steps per minute (both feet), averaged over moving time; null where not recorded. */
  cadenceStepsPerMinute: number | null;
  /** Beats per minute, averaged over moving time; null where not recorded. */
  heartRate: number | null;
}

export interface BeforePain {
  runId: number;
  /** Where the knee pain began (metres from the start): the earliest recorded site. */
  onsetMetres: number;
  /** 'km': the last 1,000 m before the onset; 'five-minutes': the last 300 s (the onset came before 1 km). */
  basis: 'km' | 'five-minutes';
  /** Where the stretch starts (metres from the start); it ends at the onset. */
  stretchStartMetres: number;
  before: StretchFigures;
  /** The rest of the run: everything outside the stretch (before it and after the onset). */
  rest: StretchFigures;
  /** The pain-free part: from the start to the stretch (the rest without what came after the onset); null under 200 m. */
  painFree: StretchFigures | null;
}

/** Context shown beside the description, with its source; worded as context, not as a claim. */
export const BEFORE_PAIN_CONTEXT =
  'For context: downhill running is the classic aggravator of iliotibial band (outside-of-the-knee) pain (Fredericson & Wolf, Sports Med 2005). These figures describe this run; they do not say what caused the pain.';

/** One painful run with a stored track, for the Insights table: its date and its stretch (null: too little to compare). */
export interface BeforePainRun {
  runId: number;
  /** The run's local date, YYYY-MM-DD. */
  localDate: string;
  distanceMetres: number;
  found: BeforePain | null;
}
