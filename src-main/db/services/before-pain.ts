/** The run page's "what came before the pain": a run's stored streams and earliest pain onset, through track/before-pain.ts. */
import type { StanceDatabase } from '../open';
import type { BeforePain, BeforePainRun } from '../../shared/before-pain';
import { beforePain } from '../../track/before-pain';
import { decodeStreams } from '../../track/streams-codec';

/**
 * The stretch before the pain began on run `runId`, against the rest of the run; null when the
 * run has no stored track, no recorded pain onset, or too little either side to compare
 * (see `beforePain`). The onset is the earliest of the run's pain sites (metres).
 */
export function readBeforePain(db: StanceDatabase, runId: number): BeforePain | null {
  const onset = db.prepare('SELECT MIN(onset_m) AS onset FROM run_pain WHERE run_id = ?').get(runId) as { onset: number | null };
  if (onset.onset === null) return null;
  const track = db.prepare('SELECT streams FROM run_tracks WHERE run_id = ?').get(runId) as { streams: Buffer } | undefined;
  if (!track) return null;
  return beforePain(runId, decodeStreams(track.streams), onset.onset);
}

/**
 * Every run with a stored track and a recorded pain onset, oldest first, each with its stretch
 * before the pain against the rest of the run (`beforePain`; null where there is too little
 * either side). For the Insights' description across runs.
 */
export function readBeforePainAcrossRuns(db: StanceDatabase): BeforePainRun[] {
  const rows = db
    .prepare(
      `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS distanceMetres, MIN(run_pain.onset_m) AS onset, run_tracks.streams AS streams
       FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id
       GROUP BY runs.id ORDER BY runs.local_date, runs.local_time, runs.id`,
    )
    .all() as { runId: number; localDate: string; distanceMetres: number; onset: number; streams: Buffer }[];
  return rows.map((row) => ({
    runId: row.runId,
    localDate: row.localDate,
    distanceMetres: row.distanceMetres,
    found: beforePain(row.runId, decodeStreams(row.streams), row.onset),
  }));
}
