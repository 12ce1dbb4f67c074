/**
 * "What came before the pain" across runs (db/services/before-pain.ts) remembers each run's
 * figures between calls and reads only the streams it needs. The figures must be exactly those of
 * the plain way — every painful run's whole stored streams decoded and described afresh — on
 * generated histories with tracks, before and after the edits a runner makes (a pain onset moved,
 * a pain site added or removed, a run deleted, a track replaced).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import type { BeforePainRun } from '../../src-main/shared/before-pain';
import { beforePain } from '../../src-main/track/before-pain';
import { decodeStreams, encodeStreams } from '../../src-main/track/streams-codec';
import { forgetBeforePain, readBeforePain, readBeforePainAcrossRuns, readBeforePainAcrossRunsInSlices } from '../../src-main/db/services/before-pain';
import { writeGeneratedHistory } from '../support/history';
import { generatedStreams, writeHistoryTracks } from '../support/history-tracks';
import { openTempDatabase } from '../support/temp-db';

/** The plain way, as it was before the figures were remembered: every track decoded whole, every call. */
function plainAcrossRuns(db: StanceDatabase): BeforePainRun[] {
  const rows = db
    .prepare(
      `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS distanceMetres, MIN(run_pain.onset_m) AS onset, run_tracks.streams AS streams
       FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id
       GROUP BY runs.id ORDER BY runs.local_date, runs.local_time, runs.id`,
    )
    .all() as { runId: number; localDate: string; distanceMetres: number; onset: number; streams: Buffer }[];
  return rows.map((row) => ({ runId: row.runId, localDate: row.localDate, distanceMetres: row.distanceMetres, found: beforePain(row.runId, decodeStreams(row.streams), row.onset) }));
}

type Edit =
  | { kind: 'move-onset'; pick: number; share: number }
  | { kind: 'add-site'; pick: number; share: number }
  | { kind: 'remove-site'; pick: number }
  | { kind: 'delete-run'; pick: number }
  | { kind: 'replace-track'; pick: number; seed: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('move-onset' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('add-site' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('remove-site' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete-run' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace-track' as const), pick: fc.nat(), seed: fc.nat() }),
);

function apply(db: StanceDatabase, change: Edit): void {
  const pickOf = <T>(rows: T[], pick: number): T | undefined => rows[pick % Math.max(1, rows.length)];
  if (change.kind === 'move-onset' || change.kind === 'remove-site') {
    const site = pickOf(db.prepare('SELECT run_pain.id, runs.distance_m AS metres FROM run_pain JOIN runs ON runs.id = run_pain.run_id ORDER BY run_pain.id').all() as { id: number; metres: number }[], change.pick);
    if (!site) return;
    if (change.kind === 'remove-site') db.prepare('DELETE FROM run_pain WHERE id = ?').run(site.id);
    else db.prepare('UPDATE run_pain SET onset_m = ? WHERE id = ?').run(Math.min(1_000_000, Math.floor(site.metres * change.share * 10) / 10), site.id);
    return;
  }
  const run = pickOf(db.prepare('SELECT id, distance_m AS metres, duration_s AS seconds FROM runs WHERE EXISTS (SELECT 1 FROM run_tracks WHERE run_id = runs.id) ORDER BY id').all() as { id: number; metres: number; seconds: number }[], change.pick);
  if (!run) return;
  if (change.kind === 'add-site') {
    db.prepare("INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action, present_at_start) VALUES (?, ?, 'lateral_knee', 'left', 4, 'kept_going', 0)").run(run.id, Math.floor(run.metres * change.share * 10) / 10);
  } else if (change.kind === 'delete-run') {
    db.prepare('DELETE FROM runs WHERE id = ?').run(run.id);
  } else {
    // The run's track replaced by another recording (as deleting the run's file and importing another would).
    const streams = generatedStreams(run.metres, run.seconds, change.seed, 0.25);
    const encoded = encodeStreams(streams);
    const points = createHash('sha256').update(encoded).update(String(change.seed)).digest('hex');
    db.prepare('UPDATE run_tracks SET streams = ?, points_sha256 = ?, point_count = ? WHERE run_id = ?').run(encoded, points, streams.metresFromStart.length, run.id);
  }
}

describe('what came before the pain, across runs', () => {
  it('gives exactly the figures of decoding every track afresh, before and after every kind of edit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1000 }), fc.integer({ min: 20, max: 120 }), fc.array(edit, { maxLength: 6 }), async (seed, days, edits) => {
        const { db, cleanup } = await openTempDatabase();
        try {
          writeGeneratedHistory(db, { endDate: '2026-11-20', days, runsPerWeek: 5, seed });
          writeHistoryTracks(db, { runs: seed % 3 === 0 ? 'all' : 'painful', seed, pointsPerSecond: 0.25 });
          const first = readBeforePainAcrossRuns(db);
          expect(first).toStrictEqual(plainAcrossRuns(db));
          expect(readBeforePainAcrossRuns(db)).toStrictEqual(first);
          for (const change of edits) {
            apply(db, change);
            const plain = plainAcrossRuns(db);
            expect(readBeforePainAcrossRuns(db)).toStrictEqual(plain);
            for (const row of plain) expect(readBeforePain(db, row.runId)).toStrictEqual(row.found);
          }
          forgetBeforePain(db);
          expect(readBeforePainAcrossRuns(db)).toStrictEqual(plainAcrossRuns(db));
          // The main process's way: a run at a time, with the runner's saves landing in between.
          for (const change of [...edits, null]) {
            forgetBeforePain(db);
            const plainBefore = plainAcrossRuns(db);
            let answered = false;
            const pending = readBeforePainAcrossRunsInSlices(db, 0).then((list) => {
              answered = true;
              return list;
            });
            await new Promise((resolve) => setImmediate(resolve));
            // A list answered before the save (one run or none to compute) is the list of before it.
            const answeredBefore = answered;
            if (change) apply(db, change);
            expect(await pending).toStrictEqual(answeredBefore ? plainBefore : plainAcrossRuns(db));
          }
        } finally {
          cleanup();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('describes a real share of the generated painful runs (the comparison above is not between empty lists)', async () => {
    const { db, cleanup } = await openTempDatabase();
    try {
      writeGeneratedHistory(db, { endDate: '2026-11-20', days: 120, runsPerWeek: 5, seed: 3 });
      writeHistoryTracks(db, { seed: 3, pointsPerSecond: 0.25 });
      // Some onsets just before 1 km: described over the last five minutes instead.
      db.prepare('UPDATE run_pain SET onset_m = 990 WHERE id % 4 = 0').run();
      const across = readBeforePainAcrossRuns(db);
      expect(across.length).toBeGreaterThan(20);
      expect(across.filter((row) => row.found !== null).length).toBeGreaterThan(across.length / 2);
      expect(across.some((row) => row.found?.basis === 'five-minutes')).toBe(true);
      expect(across.some((row) => row.found?.before.climbPerKm !== null && row.found?.before.heartRate !== null)).toBe(true);
    } finally {
      cleanup();
    }
  });
});
