/**
 * Fingerprints for recognising a run imported twice.
 *
 * - `fileSha256`: sha256 of the exact bytes (the same file again).
 * - `pointsSha256`: sha256 of the normalised points — every track point with a readable
 *   position, in file order, as latitude and longitude in whole micro-degrees (int32) and the
 *   time in whole UTC seconds (or -1 when none). Elevation, extensions, white space, creator,
 *   number formatting and encoding do not enter, so the same recording re-exported by another
 *   tool, or re-saved with trivial changes, gets the same fingerprint. It is computed from the
 *   parsed file before any filtering, so changing the run maths never changes fingerprints.
 */
import { createHash, type Hash } from 'node:crypto';

export interface RunFingerprint {
  fileSha256: string;
  pointsSha256: string;
}

const POINT_BYTES = 16;
const BATCH_POINTS = 4096;
const VERSION_TAG = 'stance-gpx-points-v1\n';

export class PointFingerprinter {
  private readonly hash: Hash = createHash('sha256').update(VERSION_TAG);
  private readonly batch = Buffer.alloc(POINT_BYTES * BATCH_POINTS);
  private inBatch = 0;

  add(latitude: number, longitude: number, utcMs: number): void {
    const offset = this.inBatch * POINT_BYTES;
    this.batch.writeInt32LE(Math.round(latitude * 1e6), offset);
    this.batch.writeInt32LE(Math.round(longitude * 1e6), offset + 4);
    const seconds = Number.isNaN(utcMs) ? -1 : Math.round(utcMs / 1000);
    this.batch.writeDoubleLE(seconds, offset + 8);
    this.inBatch += 1;
    if (this.inBatch === BATCH_POINTS) this.flush();
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.inBatch === 0) return;
    this.hash.update(this.batch.subarray(0, this.inBatch * POINT_BYTES));
    this.inBatch = 0;
  }
}
