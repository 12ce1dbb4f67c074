/**
 * The one import vocabulary: which formats Stance reads (and which it recognises but cannot
 * make runs of), where a run came from, and the stable codes of an import outcome. Everything
 * that names a format — the readers' registry, the database rule on `runs.source`, the window's
 * import panel, the command line, the README's list — reads this file; nothing re-types the list.
 *
 * Pure TypeScript (no node or electron imports): the renderer imports it too.
 */

/** A format Stance reads activities from. `id` is what `runs.source` / `run_tracks.source_format` store. */
export interface SourceFormatInfo {
  id: SourceFormatId;
  /** The name a runner knows it by. */
  name: string;
  /** What it holds, in a few words (shown with "Stance reads: …"). */
  holds: string;
}

/** Formats of activity files and of the exports that come around them. */
export const SOURCE_FORMATS = [
  { id: 'gpx', name: 'GPX', holds: 'a track (its <type> says whether it was a run)' },
  { id: 'fit', name: 'FIT', holds: 'activities from Garmin, Coros, Suunto, Wahoo, Polar and others' },
  { id: 'tcx', name: 'TCX', holds: 'Garmin Training Center activities' },
  { id: 'strava', name: 'Strava export', holds: 'activities.csv with the activities’ files, and manual entries' },
  { id: 'apple-health', name: 'Apple Health export', holds: 'export.xml with its workouts and workout-routes/' },
  { id: 'polar', name: 'Polar Flow export', holds: 'training-session JSON files' },
] as const satisfies readonly { id: string; name: string; holds: string }[];

export type SourceFormatId = 'gpx' | 'fit' | 'tcx' | 'strava' | 'apple-health' | 'polar';

/** Where a run came from: typed by the runner, or one of the formats above. */
export type RunSource = 'manual' | SourceFormatId;

/**
 * The rule `runs.source` is stored under (migration 007): a short lower-case word, so a new
 * format is a new entry in `SOURCE_FORMATS`, never a migration.
 */
export const RUN_SOURCE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

export function isRunSource(value: unknown): value is RunSource {
  return value === 'manual' || SOURCE_FORMATS.some((format) => format.id === value);
}

/** The name a runner knows a source by ("FIT", "Strava export", "typed by hand"). */
export function sourceName(source: string | null): string {
  if (source === 'manual') return 'typed by hand';
  return SOURCE_FORMATS.find((format) => format.id === source)?.name ?? (source ?? 'unknown');
}

/** Files Stance recognises but makes no run of, each named in a summary so nothing disappears without a word. */
export const RECOGNISED_NOT_READ = [
  { id: 'zepp-summary', name: 'Zepp/Amazfit workout summary CSV', why: 'summaries only, no routes or times of day Stance can use' },
  { id: 'zepp-health', name: 'Zepp/Amazfit health data CSV', why: 'not activities' },
  { id: 'polar-account', name: 'Polar Flow account or settings file', why: 'not activities' },
  { id: 'apple-clinical', name: 'Apple Health clinical document', why: 'not activities' },
  { id: 'photo', name: 'photo or video', why: 'not activities' },
  { id: 'document', name: 'PDF or document', why: 'not activities' },
  { id: 'csv', name: 'other CSV file', why: 'not an export Stance knows' },
  { id: 'json', name: 'other JSON file', why: 'not an export Stance knows' },
  { id: 'other', name: 'other file', why: 'not a format Stance reads' },
] as const;

export type HeldKind = (typeof RECOGNISED_NOT_READ)[number]['id'];

/** One line of "what the file, archive or folder held" that gave no run. */
export interface HeldCount {
  kind: HeldKind;
  count: number;
}

/** "Stance reads GPX, FIT, TCX, Strava export, Apple Health export and Polar Flow export." */
export function formatsStanceReads(): string {
  const names = SOURCE_FORMATS.map((format) => format.name);
  return `Stance reads ${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}.`;
}

/** "40 Zepp/Amazfit workout summary CSVs (summaries only, …); 2 photos or videos (not activities)". */
export function describeHeld(held: readonly HeldCount[]): string {
  return held
    .filter((item) => item.count > 0)
    .map((item) => {
      const known = RECOGNISED_NOT_READ.find((entry) => entry.id === item.kind);
      const name = known?.name ?? item.kind;
      const plural = item.count === 1 ? name : pluralOf(name);
      return `${item.count.toLocaleString('en')} ${plural} (${known?.why ?? 'not read'})`;
    })
    .join('; ');
}

function pluralOf(name: string): string {
  if (name === 'photo or video') return 'photos or videos';
  if (name === 'PDF or document') return 'PDFs or documents';
  if (name.endsWith(' file')) return `${name}s`;
  if (name.endsWith('CSV')) return `${name}s`;
  if (name.endsWith('document')) return `${name}s`;
  return `${name}s`;
}

/**
 * The stable codes of an import outcome (with `status`), for programs: the window, the command
 * line's JSON, tests. A sentence for the runner always comes with it (`reason`).
 *
 *  - `needs-start-time`: the file has no times; given a date, a start time and a duration it can
 *    be imported (the window asks for them; the command line names --date/--start/--duration);
 *  - `other-sport`: the activity is not a run (the sport named in `sport`);
 *  - `same-points` / `near-duplicate`: already in Stance;
 *  - `not-an-activity`: a file of a known format that holds no activity (a course, settings);
 *  - the refusal reasons of track/refusals.ts for files that cannot give a run.
 */
export type ImportOutcomeCode =
  | 'needs-start-time'
  | 'other-sport'
  | 'same-points'
  | 'near-duplicate'
  | 'no-duration'
  | 'unreadable'
  | 'empty-file'
  | 'not-gpx'
  | 'cut-off'
  | 'malformed-xml'
  | 'doctype'
  | 'unknown-entity'
  | 'unsupported-encoding'
  | 'too-deep'
  | 'too-long'
  | 'too-many-points'
  | 'route-only'
  | 'waypoints-only'
  | 'no-track'
  | 'empty-track'
  | 'no-valid-positions'
  | 'too-few-points'
  | 'no-times'
  | 'times-unusable'
  | 'several-recordings'
  | 'overlapping-segments'
  | 'no-such-track'
  | 'too-fast-for-a-run'
  | 'cancelled'
  | 'damaged-file'
  | 'not-an-activity'
  | 'archive-refused'
  | 'unknown-format'
  | 'not-a-file'
  | 'reader-failed'
  /** A figure the table's record rule refuses (db/tables): a run no runner can have. */
  | 'implausible';

/** Whether an outcome can be imported once the runner gives its date, start time and duration. */
export function needsStartTime(outcome: { status: string; code: string | null }): boolean {
  return outcome.status === 'refused' && outcome.code === 'needs-start-time';
}
