/**
 * Why a file (GPX, FIT, TCX…) was not imported, in words a runner can act on. Readers in
 * formats/ and the run rules in track/ throw these; import/ turns them into outcomes.
 *
 * Every refusal is thrown as an `ImportRefusal`: `reason` is a stable code for programs (the UI,
 * the CLI, tests), `message` is the plain sentence shown to the runner. A refusal always means
 * nothing was imported: the parser produces a result only when the whole file was understood.
 */
import { formatsStanceReads, type RefusalReason } from '../shared/import-formats';

/** The codes, one list in the shared vocabulary (shared/import-formats.ts `REFUSAL_REASONS`), each documented there. */
export type { RefusalReason };

export class ImportRefusal extends Error {
  override readonly name = 'ImportRefusal';
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

export function isImportRefusal(error: unknown): error is ImportRefusal {
  return error instanceof ImportRefusal;
}

const NOTHING = 'nothing was imported.';

/** The sentences, in one place so that the UI, the CLI and the tests agree on them. */
export const refuse = {
  emptyFile: () => new ImportRefusal('empty-file', `This file is empty — ${NOTHING}`),
  notGpx: (rootElement: string) =>
    new ImportRefusal(
      'not-gpx',
      `This is not a GPX file (it is XML whose main element is <${rootElement}>, not <gpx>) — ${NOTHING}`,
    ),
  notXml: () =>
    new ImportRefusal('not-gpx', `This is not a GPX file (it does not start like an XML document) — ${NOTHING}`),
  cutOff: () =>
    new ImportRefusal('cut-off', `The file ends in the middle (it looks cut off) — ${NOTHING}`),
  malformed: (line: number, problem: string) =>
    new ImportRefusal(
      'malformed-xml',
      `The file is damaged: line ${line} is not valid XML (${problem}) — ${NOTHING}`,
    ),
  doctype: () =>
    new ImportRefusal(
      'doctype',
      `This file contains a document type declaration (<!DOCTYPE>). GPX files never need one, and Stance refuses them for safety — ${NOTHING}`,
    ),
  unknownEntity: (line: number) =>
    new ImportRefusal(
      'unknown-entity',
      `The file is damaged: line ${line} uses an “&…;” code that XML does not define — ${NOTHING}`,
    ),
  unsupportedEncoding: (encoding: string) =>
    new ImportRefusal(
      'unsupported-encoding',
      `This file is written in the “${encoding}” text encoding; Stance reads GPX files in UTF-8 or ISO-8859-1 — ${NOTHING}`,
    ),
  tooDeep: (limit: number, format: 'GPX' | 'TCX' = 'GPX') =>
    new ImportRefusal(
      'too-deep',
      `This file nests elements more than ${limit} levels deep, which no ${format} file does — ${NOTHING}`,
    ),
  tooLong: (limitBytes: number, format: 'GPX' | 'TCX' = 'GPX') =>
    new ImportRefusal(
      'too-long',
      `This file holds a single value, name or comment longer than ${Math.round(limitBytes / 1024)} KiB, which no ${format} file does — ${NOTHING}`,
    ),
  /** A FIT file holding more records (or messages) than the activity could have recorded (formats/fit/bounds.ts). */
  tooManyFitRecords: (why: string) =>
    new ImportRefusal('too-many-points', `This FIT file is not a recording: ${why} — ${NOTHING}`),
  /**
   * A recording whose points were all left out, each for a reason of its own (FIT: dated outside
   * 1990–2099, a position off the globe): says what, instead of "only one recorded point".
   */
  pointsLeftOut: (reason: 'times-unusable' | 'no-valid-positions', points: number, why: string) =>
    new ImportRefusal(
      reason,
      `All ${points.toLocaleString('en')} of this recording's points were left out: ${why} — ${NOTHING}`,
    ),
  tooManyPoints: (limit: number) =>
    new ImportRefusal(
      'too-many-points',
      `This file holds more than ${limit.toLocaleString('en')} points — far more than any run — ${NOTHING}`,
    ),
  routeOnly: () =>
    new ImportRefusal(
      'route-only',
      `This file holds a planned route, not a recorded run — ${NOTHING} Export the activity itself (with its times) from your watch or app.`,
    ),
  waypointsOnly: () =>
    new ImportRefusal(
      'waypoints-only',
      `This file holds only waypoints (saved places), not a recorded run — ${NOTHING}`,
    ),
  noTrack: () =>
    new ImportRefusal('no-track', `This GPX file holds no recorded track at all — ${NOTHING}`),
  emptyTrack: () =>
    new ImportRefusal('empty-track', `This file's track is empty: it holds no recorded points — ${NOTHING}`),
  noValidPositions: (points: number) =>
    new ImportRefusal(
      'no-valid-positions',
      `None of the ${points} points in this file has a readable position (latitude and longitude) — ${NOTHING}`,
    ),
  tooFewPoints: () =>
    new ImportRefusal(
      'too-few-points',
      `This file holds only one recorded point — a run needs at least two — ${NOTHING}`,
    ),
  /** `track`: the recording's name and length when the file holds others ("“Morning” (8.6 km)"). */
  noTimes: (track: string | null = null) =>
    new ImportRefusal(
      'no-times',
      track === null
        ? `This file has no times, so Stance cannot tell when the run was or how long it took — ${NOTHING} Give the run's date, start time and duration to import its distance with an average pace.`
        : `Track ${track} has no times, so Stance cannot tell when it was run or how long it took — nothing was imported from it. Import the file again with that run's date, start time and duration to import its distance with an average pace.`,
    ),
  timesUnusable: (why: string, track: string | null = null) =>
    new ImportRefusal(
      'times-unusable',
      track === null
        ? `This file's times cannot time a run (${why}) — ${NOTHING} Give the run's date, start time and duration to import its distance with an average pace.`
        : `Track ${track} has times that cannot time a run (${why}) — nothing was imported from it. Import the file again with that run's date, start time and duration to import its distance with an average pace.`,
    ),
  severalRecordings: (count: number, recordings: readonly string[]) =>
    new ImportRefusal(
      'several-recordings',
      `This file holds ${count} separate recordings (${recordings.join(', ')}) — Stance imports one run per file, so ${NOTHING} Choose which track to import, or export each run on its own.`,
    ),
  overlappingSegments: (segment: number, startsAt: string, other: number, otherEndsAt: string) =>
    new ImportRefusal(
      'overlapping-segments',
      `This recording's segments overlap in time with different points (segment ${segment} starts at ${startsAt}, before segment ${other} ends at ${otherEndsAt}), so they cannot be one run — ${NOTHING} Export each part on its own.`,
    ),
  noSuchTrack: (asked: number, tracks: number) =>
    new ImportRefusal(
      'no-such-track',
      `Track ${asked} was asked for, but this file holds ${tracks === 1 ? 'only one track' : `${tracks} tracks`} — ${NOTHING}`,
    ),
  tooFastForARun: (limitKmh: number) =>
    new ImportRefusal(
      'too-fast-for-a-run',
      `Most of this recording moves faster than ${limitKmh} km/h — it looks like a drive or a ride, not a run — ${NOTHING}`,
    ),
  cancelled: () => new ImportRefusal('cancelled', `The import was cancelled — ${NOTHING}`),
  damagedFit: (why: string) =>
    new ImportRefusal(
      'damaged-file',
      `This FIT file is damaged: ${why}. Stance imports a FIT file only when every byte of it checks out — ${NOTHING} Copy the file from the watch again, or export the activity again from its app.`,
    ),
  notAnActivity: (what: string) =>
    new ImportRefusal('not-an-activity', `This file holds ${what}, not a recorded activity — ${NOTHING}`),
  plannedCourse: () =>
    new ImportRefusal(
      'route-only',
      `This TCX file holds a course (a planned route), not a recorded run — ${NOTHING} Export the activity itself from your watch or app.`,
    ),
  archiveRefused: (why: string) => new ImportRefusal('archive-refused', `This archive was not opened: ${why} — ${NOTHING}`),
  /** One member of an archive refused; the archive's other members are read on. */
  memberRefused: (why: string) =>
    new ImportRefusal('archive-refused', `This file in the archive was not imported: ${why}. The archive's other files were read on their own.`),
  unknownFormat: () =>
    new ImportRefusal(
      'unknown-format',
      `Stance does not recognise this file — ${NOTHING} ${formatsStanceReads()} It also opens .gz and .zip files and folders holding them.`,
    ),
} as const;
