/**
 * One file imported on this thread with a start the runner gave (tests seed their databases with
 * it), and a run's track read back for the run page. The window itself imports every file, archive
 * and folder through the import channels (ipc/handlers-import.ts, in the import worker).
 */
import type { StanceDatabase } from '../db/open';
import { localToUtc } from '../db/local-time';
import { StanceError } from '../shared/errors';
import type { GpxImportResult, GpxRecordingResult, RunTrackView } from '../shared/track';
import { importFile, type GpxImportOutcome } from './importer';
import { decodeStreams } from '../track/streams-codec';
import { trackView } from '../track/track-view';
import type { SourceFormatId } from '../shared/import-formats';

/** When a run without times began and how long it took, as the runner gives it (the window's "needs a date" form). */
export interface GivenStartInput {
  timeZone: string;
  /** YYYY-MM-DD on the runner's calendar, with `startLocalTime` (HH:MM). */
  startLocalDate?: string | undefined;
  startLocalTime?: string | undefined;
  durationSeconds?: number | undefined;
}

/**
 * The start the runner gave (UTC ms) and the duration (s), checked: not in the future (3 hours'
 * grace for a clock or zone off), and a duration with it. Undefined when no start was given.
 * @throws StanceError ('invalid', naming the field) for a start in the future or no duration.
 */
export function givenStart(input: GivenStartInput, now: Date): { startUtcMs: number; durationSeconds: number } | undefined {
  if (!input.startLocalDate || !input.startLocalTime) return undefined;
  const start = localToUtc(input.startLocalDate, input.startLocalTime, input.timeZone);
  if (start.getTime() > now.getTime() + 3 * 3600_000) {
    throw new StanceError('invalid', 'That start is in the future. Give the date and time the run began.', 'startLocalDate');
  }
  if (!input.durationSeconds) throw new StanceError('invalid', 'Give how long the run took (h:mm:ss).', 'durationSeconds');
  return { startUtcMs: start.getTime(), durationSeconds: input.durationSeconds };
}

/** One file as `importGpxFromWindow` takes it. */
export interface OneFileInput extends GivenStartInput {
  fileName: string;
  bytes: Uint8Array;
  trackNumber?: number;
  allowNearDuplicates?: boolean;
}

/**
 * One file's import on this thread: every recording in it, each with its own outcome (see
 * importer.ts). A start the runner gives (`givenStart`) is used only for recordings without
 * times. Throws a `StanceError` for bad input.
 */
export async function importGpxFromWindow(db: StanceDatabase, input: OneFileInput, now: Date): Promise<GpxImportResult> {
  const given = givenStart(input, now);
  const outcomes = await importFile(
    db,
    {
      fileName: input.fileName,
      source: input.bytes,
      timeZone: input.timeZone,
      ...(given ? { given } : {}),
      ...(input.trackNumber ? { trackNumber: input.trackNumber } : {}),
      ...(input.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
    },
    now,
  );
  return { file: input.fileName, recordings: outcomes.map(forTheWindow) };
}

/** An importer outcome as the contract carries it: warnings as plain sentences, no file name repeated. */
export function forTheWindow(outcome: GpxImportOutcome): GpxRecordingResult {
  const warnings = outcome.warnings.map((warning) => warning.message);
  switch (outcome.status) {
    case 'imported': {
      const { file: _file, ...rest } = outcome;
      return { ...rest, warnings };
    }
    case 'duplicate': {
      const { file: _file, ...rest } = outcome;
      return { ...rest, warnings };
    }
    case 'refused': {
      const { file: _file, ...rest } = outcome;
      return { ...rest, warnings };
    }
  }
}

export function readRunTrack(db: StanceDatabase, runId: number): RunTrackView | null {
  const row = db
    .prepare(
      `SELECT run_tracks.file_name, run_tracks.track_name, run_tracks.point_count, run_tracks.streams, run_tracks.splits_json,
              run_tracks.source_format, run_tracks.device_name, run_tracks.sport, run_tracks.sub_sport, run_tracks.archive_entry,
              run_tracks.watch_feel, runs.effort, runs.effort_from_watch
       FROM run_tracks JOIN runs ON runs.id = run_tracks.run_id WHERE run_tracks.run_id = ?`,
    )
    .get(runId) as
    | {
        file_name: string;
        track_name: string | null;
        point_count: number;
        streams: Buffer;
        splits_json: string;
        source_format: SourceFormatId | null;
        device_name: string | null;
        sport: string | null;
        sub_sport: string | null;
        archive_entry: string | null;
        watch_feel: string | null;
        effort: number | null;
        effort_from_watch: number;
      }
    | undefined;
  if (!row) return null;
  const view = trackView(
    { runId, fileName: row.file_name, trackName: row.track_name, pointCount: row.point_count, splitsJson: row.splits_json },
    decodeStreams(row.streams),
  );
  return {
    ...view,
    source: {
      format: row.source_format ?? 'gpx',
      deviceName: row.device_name,
      sport: row.sport,
      subSport: row.sub_sport,
      archiveEntry: row.archive_entry,
      effortFromWatch: row.effort_from_watch === 1 ? row.effort : null,
      watchFeel: row.watch_feel,
    },
  };
}
