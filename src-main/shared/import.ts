/**
 * What the window sees of an import of files, archives and folders (import/batch.ts running in
 * the import worker). Pure types: the renderer may import this file.
 */

import type { HeldCount, ImportOutcomeCode, SourceFormatId } from './import-formats';

/** What happened to one activity (a FIT session, a TCX activity, a GPX file, an archive member). */
export interface ImportOutcomeView {
  /** The file as the runner named it. */
  file: string;
  /** The member inside an archive (`activities/123.fit.gz`); null for a plain file. */
  entry: string | null;
  /** 1-based activity within a file holding several (a multisport FIT); null otherwise. */
  recording: number | null;
  /** The same recording as {index, name} (a GPX track's name); null when the file holds one. */
  track: { index: number; name: string | null } | null;
  /** Imported from a file without times, with the runner's start and duration. */
  untimed: boolean;
  status: 'imported' | 'duplicate' | 'skipped' | 'refused';
  /** The device's sport ("running", "cycling", "running (treadmill)"), or Strava's type; null when unknown. */
  sport: string | null;
  /** Why it was skipped, refused or a duplicate, in a sentence; null when imported. */
  reason: string | null;
  /** A stable code (shared/import-formats.ts): 'needs-start-time', a refusal reason, 'other-sport', 'near-duplicate'…; null when imported. */
  code: ImportOutcomeCode | null;
  runId: number | null;
  distanceMetres: number | null;
  points: number | null;
  /** UTC ISO start of the run imported or matched. */
  startedAt: string | null;
  warnings: string[];
  format: SourceFormatId | null;
  deviceName: string | null;
}

export interface ImportProgressView {
  /** Files (and archive members) read so far, of those known (grows as archives are opened). */
  filesRead: number;
  filesTotal: number;
  runsImported: number;
  currentFile: string | null;
}

export interface ImportSummaryView {
  imported: number;
  duplicate: number;
  skipped: number;
  refused: number;
  /** Files in folders or archives that are not activities (photos, CSV, JSON). */
  otherFiles: number;
  /** The same files by kind (shared/import-formats.ts `RECOGNISED_NOT_READ`). */
  held: HeldCount[];
  /** What the import learnt about the exports it read, in sentences (an index not understood, its language). */
  notes: string[];
  /** When nothing was imported nor already there: what the files held and which formats Stance reads; else null. */
  whatItHeld: string | null;
  cancelled: boolean;
  /** Gear names from an export that match none of the runner's shoes, offered as new shoes. */
  gearOffered: string[];
}

/**
 * How an import is going: the answer of `imports:status` (the catch-up read), and the payload of
 * each `import` event main pushes to the window that started it (shared/import-events.ts).
 */
export interface ImportJobView {
  jobId: number;
  progress: ImportProgressView;
  /** The index, in the job's list, of `outcomes[0]`: `since` of the read, or the first outcome an event had not pushed yet. */
  from: number;
  /** Outcomes from index `from` on, in the order the import decided them. */
  outcomes: ImportOutcomeView[];
  /** How many outcomes there are in all (ask again with since = this). */
  outcomeCount: number;
  /** Set when the import has finished (or was cancelled). */
  summary: ImportSummaryView | null;
  /** Set when it stopped on a fault of Stance's (runs imported before it stay). */
  failure: string | null;
}

/** The largest file the window sends to be imported (bigger exports: the command line). */
export const MAX_WINDOW_IMPORT_BYTES = 1024 * 1024 * 1024;
