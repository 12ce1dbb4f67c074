/** The run page's "what came before the pain": a run's stored streams and earliest pain onset, through track/before-pain.ts. */
import type { StanceDatabase } from '../open';
import type { BeforePain } from '../../shared/before-pain';
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
