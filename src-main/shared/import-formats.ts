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
 * Why a file, or one recording in it, cannot give a run: the stable codes the readers
 * (formats/) and the run rules (track/) throw with their sentence (track/refusals.ts `refuse`).
 * One list, here, so the window, the command line and the outcome codes below read the same one.
 */
export const REFUSAL_REASONS = [
  /** Zero bytes, or only white space. */
  'empty-file',
  /** Well-formed XML, but its root element is not <gpx> (a TCX, KML, HTML page…). */
  'not-gpx',
  /** The XML stops in the middle: unclosed elements at the end of the bytes. */
  'cut-off',
  /** Broken XML somewhere before the end. */
  'malformed-xml',
  /** A <!DOCTYPE>: GPX never needs one, and DTDs are how entity bombs and file-reading attacks get in. */
  'doctype',
  /** An `&name;` that XML does not define (only &amp; &lt; &gt; &quot; &apos; exist without a DTD). */
  'unknown-entity',
  /** Text in an encoding Stance does not read (GPX files are UTF-8 or ISO-8859-1). */
  'unsupported-encoding',
  /** Elements nested deeper than any GPX file needs. */
  'too-deep',
  /** One attribute, text, comment or name longer than any GPX file needs. */
  'too-long',
  /** More points than any run holds. */
  'too-many-points',
  /** Only <rte> (a planned route), no <trk>. */
  'route-only',
  /** Only <wpt> (saved places), no <trk>. */
  'waypoints-only',
  /** No track, route or waypoint at all. */
  'no-track',
  /** <trk> elements are there, but none holds a point. */
  'empty-track',
  /** Points are there, but none has a readable latitude and longitude. */
  'no-valid-positions',
  /** Fewer than two distinct recorded points. */
  'too-few-points',
  /** No point has a time, and the caller gave no start time. */
  'no-times',
  /** Points have times, but not ones that can time a run (all the same instant, or before 1990). */
  'times-unusable',
  /** Several recordings from different days or hours in one file (only when one run is asked for). */
  'several-recordings',
  /** Two segments of one recording cover the same minutes with different points. */
  'overlapping-segments',
  /** `options.trackNumber` names a track the file does not have. */
  'no-such-track',
  /** Most of the recording moves faster than anyone runs. */
  'too-fast-for-a-run',
  /** The caller cancelled the import (options.signal). */
  'cancelled',
  /** A FIT file whose framing is broken: a bad header, a CRC mismatch, or cut off (formats/fit). */
  'damaged-file',
  /** A file of a known format that holds no activity (a FIT settings or course file, a TCX without <Activity>). */
  'not-an-activity',
  /** An archive refused as a whole: too many entries, too large unpacked, compressed too well (a zip bomb), nested too deep, or unreadable. */
  'archive-refused',
  /** Bytes Stance reads no format of (not GPX, FIT, TCX, gzip or zip). */
  'unknown-format',
  /** A path that is not a regular file when it is read (a folder, a named pipe, a device), or is gone. */
  'not-a-file',
  /** The reader ran out of memory or stack on this file, or failed in a way no rule names (import worker). */
  'reader-failed',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * The stable codes of an import outcome (with `status`), for programs: the window, the command
 * line's JSON, tests. A sentence for the runner always comes with it (`reason`); a program
 * decides on the code, never on the sentence.
 *
 *  - `needs-start-time`: a GPX recording without usable times (none, one instant, too few,
 *    before 1990); given a date, a start time and a duration it can be imported (the window
 *    asks for them; the command line names --date/--start/--duration). The only code the
 *    runner can fix by dating the run;
 *  - `other-sport`: the activity is not a run (the sport named in `sport`);
 *  - `same-points` / `near-duplicate`: already in Stance;
 *  - `times-not-forward`: the recording's times do not move forward, so it has no duration;
 *  - `longer-than-one-run` / `further-than-one-run`: its times span more than ten days, or it
 *    covers more than 1,000 km (shared/run-limits.ts) — a clock or a file gone wrong, which a
 *    date cannot mend;
 *  - `unreadable`: a figure or a file Stance could not read, no rule naming why;
 *  - `implausible`: a figure the table's record rule refuses (db/tables): a run no runner can have;
 *  - the refusal reasons above for files that cannot give a run.
 */
export const IMPORT_OUTCOME_CODES = [
  'needs-start-time',
  'other-sport',
  'same-points',
  'near-duplicate',
  'no-duration',
  'times-not-forward',
  'longer-than-one-run',
  'further-than-one-run',
  'unreadable',
  'implausible',
  ...REFUSAL_REASONS,
] as const;

export type ImportOutcomeCode = (typeof IMPORT_OUTCOME_CODES)[number];

export function isImportOutcomeCode(value: unknown): value is ImportOutcomeCode {
  return typeof value === 'string' && (IMPORT_OUTCOME_CODES as readonly string[]).includes(value);
}

/** Whether an outcome can be imported once the runner gives its date, start time and duration. */
export function needsStartTime(outcome: { status: string; code: string | null }): boolean {
  return outcome.status === 'refused' && outcome.code === 'needs-start-time';
}
