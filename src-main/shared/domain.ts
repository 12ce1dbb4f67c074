import type { RunSource } from './import-formats';
import type { PainLocation } from './pain';
/**
 * The runner's records as the renderer sees them. Stored in SI (metres, seconds, UTC instants
 * plus the run's IANA time zone); shown in miles or kilometres by the units setting.
 */

export const distanceUnits = ['mi', 'km'] as const;
export type DistanceUnit = (typeof distanceUnits)[number];

export const surfaces = ['road', 'trail', 'track', 'treadmill'] as const;
export type Surface = (typeof surfaces)[number];

/** Whether pain was recorded for a run: never asked, none for the whole run, or an onset. */
export const painStatuses = ['unrecorded', 'none', 'pain'] as const;
export type PainStatus = (typeof painStatuses)[number];

/** 0 = Sunday, 1 = Monday, 6 = Saturday (as Date.getDay()). */
export const weekStartDays = [0, 1, 6] as const;
export type WeekStartDay = (typeof weekStartDays)[number];

/** How the window looks: follow the system's light/dark mode, or always one of them. */
export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

/** The unit strength loads (dumbbells, kettlebells) are shown and typed in; stored in kg. */
export const loadUnits = ['kg', 'lb'] as const;
export type LoadUnit = (typeof loadUnits)[number];

/**
 * The runner's main complaint: the pain site and side the Insights' verdict (the analysis fixed in
 * advance) is about. 'either' counts pain on the left, the right or both.
 */
export interface MainComplaint {
  location: PainLocation;
  side: 'left' | 'right' | 'either';
}

export interface Settings {
  units: DistanceUnit;
  weekStartsOn: WeekStartDay;
  theme: ThemeChoice;
  loadUnit: LoadUnit;
  mainComplaint: MainComplaint;
}

export const defaultSettings: Settings = { units: 'mi', weekStartsOn: 1, theme: 'system', loadUnit: 'kg', mainComplaint: { location: 'lateral_knee', side: 'either' } };

export interface Run {
  id: number;
  /** The start as a UTC instant, ISO 8601 with Z. */
  startedAt: string;
  /** IANA zone the run happened in, e.g. "Europe/London". */
  timeZone: string;
  /** The start in the runner's local calendar: "2026-11-21". */
  localDate: string;
  /** The start on the local clock: "07:30". */
  localTime: string;
  distanceMetres: number;
  /** Start to finish, pauses included. */
  durationSeconds: number;
  /** Pauses left out; from a GPS track only. */
  movingSeconds: number | null;
  elevationGainMetres: number | null;
  elevationLossMetres: number | null;
  averageHeartRate: number | null;
  /** True when the run was imported with a GPS track (route, splits). */
  hasTrack: boolean;
  effort: number | null;
  surface: Surface | null;
  shoeId: number | null;
  shoeName: string | null;
  notes: string;
  /** Typed by hand, or the format it was imported from (shared/import-formats.ts). */
  source: RunSource;
  painStatus: PainStatus;
}

export interface AppInfo {
  version: string;
  databasePath: string;
  dataFolder: string;
  schemaVersion: number;
}

export interface Shoe {
  id: number;
  name: string;
  retired: boolean;
  runCount: number;
  distanceMetres: number;
}

export const glutePlanKinds = ['per_week', 'every_n_days'] as const;
export type GlutePlanKind = (typeof glutePlanKinds)[number];

/** What the runner meant to do, from a date on. The plan in force on a day is the latest one begun by then. */
export interface GlutePlan {
  id: number;
  effectiveFrom: string;
  kind: GlutePlanKind;
  /** For 'per_week': glute or hip sessions a week. */
  sessionsPerWeek: number | null;
  /** For 'every_n_days': one session every N days. */
  everyNDays: number | null;
}

export interface TodaySummary {
  /** Today on the runner's calendar. */
  today: string;
  lastGluteSessionDate: string | null;
  daysSinceGluteSession: number | null;
  plan: GlutePlan | null;
  weekStart: string;
  weekEnd: string;
  gluteSessionsThisWeek: number;
  /** Sessions the plan(s) in force called for this week, day by day; null with no plan. */
  plannedThisWeek: number | null;
  /** The day the next glute session is due; null with no plan. */
  nextDue: string | null;
  /** Days the next session is overdue (0 when it is not). */
  daysOverdue: number;
  latestRun: Run | null;
}
