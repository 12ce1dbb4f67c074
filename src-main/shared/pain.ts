/**
 * Knee pain as the runner records it: during a run (where and how far in it started) and day
 * to day (check-ins). Pure TypeScript; the renderer imports it for the types and the labels.
 *
 * A run's pain is one of three things (runs.pain_status): never recorded ('unrecorded'),
 * pain-free for the whole distance ('none' — a right-censored observation, not missing data),
 * or pain that started at a distance at one or more sites ('pain').
 */
import type { PainStatus, Run } from './domain';

export const painLocations = ['lateral_knee', 'front_knee', 'hip', 'other'] as const;
export type PainLocation = (typeof painLocations)[number];

export const painSides = ['left', 'right', 'both'] as const;
export type PainSide = (typeof painSides)[number];

/** What the runner did once it hurt. */
export const painActions = ['kept_going', 'slowed', 'walked', 'stopped'] as const;
export type PainAction = (typeof painActions)[number];

/** When a daily check-in's score applies. */
export const checkinContexts = ['general', 'morning', 'stairs', 'sitting', 'walking', 'after_run'] as const;
export type CheckinContext = (typeof checkinContexts)[number];

export const MIN_PAIN_SCORE = 0;
export const MAX_PAIN_SCORE = 10;
/** The most sites one run's pain record may hold. */
export const MAX_SITES_PER_RUN = 8;

/** One place that hurt during a run, from a distance on. */
export interface PainSite {
  id: number;
  /** How far into the run the pain started, in metres (never beyond the run's distance). */
  painOnsetMetres: number;
  location: PainLocation;
  side: PainSide;
  /** The worst it got, 0 (no pain) to 10 (the worst pain imaginable). */
  worstScore: number;
  action: PainAction;
  notes: string;
  /** The pain was already there when the run began (then painOnsetMetres is 0). */
  presentAtStart: boolean;
}

/** A run's pain record. `sites` is empty unless `status` is 'pain', and never empty when it is. */
export interface RunPain {
  runId: number;
  status: PainStatus;
  /** Earliest onset first. */
  sites: PainSite[];
  /** The runner cut the run short because of the knee. */
  cutShort: boolean;
  /**
   * The side of the most recent pain recorded on any other run, or null before the first:
   * what a new site starts as, so a runner whose left knee is the problem picks it once.
   */
  lastUsedSide: PainSide | null;
}

/** A run with its pain recorded ('none' or 'pain'), for the summary on the Pain page. */
export interface RecordedRunPain {
  run: Run;
  /** Empty for a pain-free run. */
  sites: PainSite[];
}

/** What the Pain page shows about runs. */
export interface PainOverview {
  /** One page of the runs whose pain was never asked about (not those left "not recorded"), newest first. */
  waiting: Run[];
  /** All runs whose pain was never recorded (may be more than `waiting` holds). */
  waitingCount: number;
  /** Where `waiting` starts in the list of all waiting runs, newest first (0 = the newest). */
  waitingOffset: number;
  /** Runs the runner chose to leave "not recorded": they wait no more, and the Insights leave them out. */
  notRecordedCount: number;
  /** The most recent runs with pain recorded, pain-free or not, newest first. */
  recorded: RecordedRunPain[];
  /** All runs logged. */
  runCount: number;
}

/** How the knee felt on a day, scored per side (at least one). */
export interface PainCheckin {
  id: number;
  /** The day on the runner's calendar, YYYY-MM-DD. */
  localDate: string;
  context: CheckinContext;
  leftScore: number | null;
  rightScore: number | null;
  notes: string;
  /** When it was first saved: a UTC instant, ISO 8601. */
  createdAt: string;
}

export const painLocationLabels: Record<PainLocation, string> = {
  lateral_knee: 'Outside of knee (IT band)',
  front_knee: 'Front of knee',
  hip: 'Hip',
  other: 'Other',
};

export const painSideLabels: Record<PainSide, string> = { left: 'Left', right: 'Right', both: 'Both' };

export const painActionLabels: Record<PainAction, string> = {
  kept_going: 'Kept going',
  slowed: 'Slowed',
  walked: 'Walked',
  stopped: 'Stopped',
};

export const checkinContextLabels: Record<CheckinContext, string> = {
  general: 'General',
  morning: 'Morning',
  stairs: 'Stairs',
  sitting: 'Sitting',
  walking: 'Walking',
  after_run: 'After a run',
};

/** "Left knee, outside (IT band)", "Both hips": a site in a few words, side first. */
export function describeSite(site: Pick<PainSite, 'location' | 'side'>): string {
  const both = site.side === 'both';
  const side = both ? 'Both' : painSideLabels[site.side];
  switch (site.location) {
    case 'lateral_knee':
      return `${side} ${both ? 'knees' : 'knee'}, outside (IT band)`;
    case 'front_knee':
      return `${side} ${both ? 'knees' : 'knee'}, front`;
    case 'hip':
      return `${side} ${both ? 'hips' : 'hip'}`;
    case 'other':
      return `${side} ${both ? 'sides' : 'side'}, elsewhere`;
  }
}
