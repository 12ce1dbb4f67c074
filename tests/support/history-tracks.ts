/**
 * Gives a written history's runs a stored GPS track, as an import would store it (run_tracks with
 * encoded streams, track/streams-codec.ts): one point a second for the run's duration, along its
 * distance, with hills (elevation), heart rate, cadence and now and then a stop. Straight into
 * the table (no GPX to parse), so ten years of tracks are written in seconds. Used by the
 * "before the pain" tests and bench/before-pain.bench.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { StanceDatabase } from '../../src-main/db/open';
import type { RunStreams } from '../../src-main/track/derive';
import { encodeStreams } from '../../src-main/track/streams-codec';

export interface TrackOptions {
  /** Which runs get a track: only those with a recorded pain site (default), or every run. */
  runs?: 'painful' | 'all';
  /** Seed for the track shapes (hills, stops, missing values). */
  seed?: number;
  /** Points per second (default 1). */
  pointsPerSecond?: number;
}

/** A small seeded generator (mulberry32): the same seed, the same tracks. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The streams of one run: `seconds` long, `metres` far, 1/`pointsPerSecond` s between points.
 * Some runs have no times, no elevation, no heart rate or no cadence (as some files do).
 */
export function generatedStreams(metres: number, seconds: number, seed: number, pointsPerSecond = 1): RunStreams {
  const next = random(seed);
  const count = Math.max(2, Math.round(seconds * pointsPerSecond) + 1);
  const timed = next() > 0.05;
  const withElevation = next() > 0.1;
  const withHeart = next() > 0.2;
  const withCadence = next() > 0.3;
  const hill = 10 + next() * 60;
  const hillLength = 300 + next() * 2000;
  const streams: RunStreams = {
    latitude: new Float64Array(count),
    longitude: new Float64Array(count),
    elevationMetres: new Float32Array(count).fill(Number.NaN),
    secondsFromStart: new Float64Array(count).fill(Number.NaN),
    metresFromStart: new Float64Array(count),
    heartRate: new Float32Array(count).fill(Number.NaN),
    cadence: new Float32Array(count).fill(Number.NaN),
    powerWatts: new Float32Array(count).fill(Number.NaN),
    pieceStarts: Uint32Array.of(0),
  };
  const step = metres / (count - 1);
  let along = 0;
  let stopUntil = -1;
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      if (stopUntil < i && next() < 0.002) stopUntil = i + Math.floor(next() * 60); // a stop at a crossing
      along += stopUntil >= i ? 0 : step * (0.7 + next() * 0.6);
    }
    const placed = Math.min(along, metres);
    streams.metresFromStart[i] = placed;
    streams.latitude[i] = 51.5 + placed / 111_000;
    streams.longitude[i] = -0.1 + Math.sin(placed / 500) * 0.002;
    if (timed) streams.secondsFromStart[i] = i / pointsPerSecond;
    if (withElevation && next() > 0.01) streams.elevationMetres[i] = 40 + hill * Math.sin(placed / hillLength) + next() * 0.6;
    if (withHeart && next() > 0.02) streams.heartRate[i] = Math.round(130 + 30 * (i / count) + next() * 6);
    if (withCadence && next() > 0.02) streams.cadence[i] = Math.round(84 + next() * 6);
  }
  return streams;
}

/**
 * Stores a generated track for the history's runs (see `TrackOptions`), in one transaction.
 * Returns how many tracks it wrote.
 */
export function writeHistoryTracks(db: StanceDatabase, options: TrackOptions = {}): number {
  const painful = (options.runs ?? 'painful') === 'painful';
  const runs = db
    .prepare(
      `SELECT id, distance_m AS metres, duration_s AS seconds FROM runs
       ${painful ? 'WHERE EXISTS (SELECT 1 FROM run_pain WHERE run_pain.run_id = runs.id)' : ''} ORDER BY id`,
    )
    .all() as { id: number; metres: number; seconds: number | null }[];
  const insert = db.prepare(
    `INSERT INTO run_tracks (run_id, file_name, track_name, file_sha256, points_sha256, point_count, original_gzip, streams, splits_json, imported_at, source_format, has_route)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, '[]', '2026-01-01T00:00:00Z', 'gpx', 1)`,
  );
  const original = gzipSync(Buffer.from('<gpx/>'));
  const seed = options.seed ?? 1;
  db.transaction(() => {
    for (const run of runs) {
      const seconds = run.seconds ?? run.metres / 3;
      const streams = generatedStreams(run.metres, seconds, seed * 100_003 + run.id, options.pointsPerSecond);
      const encoded = encodeStreams(streams);
      const points = createHash('sha256').update(encoded).update(randomBytes(8)).digest('hex');
      insert.run(run.id, `run-${run.id}.gpx`, createHash('sha256').update(points).digest('hex'), points, streams.latitude.length, original, encoded);
    }
  })();
  return runs.length;
}
