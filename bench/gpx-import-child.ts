/**
 * One whole import of one file into a fresh database, in its own process, so the benchmark can
 * read this process's peak memory (VmHWM) without the parent's heap in the way.
 * Prints one JSON line: { seconds, peakRssMb, status, points }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStanceDatabase } from '../src-main/db/open';
import { importGpxFile } from '../src-main/import/importer';

async function main() {
  const file = process.argv[2]!;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-child-'));
  try {
    const db = await openStanceDatabase(path.join(folder, 'stance.sqlite'), { backupsFolder: path.join(folder, 'backups') });
    const started = performance.now();
    const outcome = await importGpxFile(
      db,
      { fileName: path.basename(file), source: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), timeZone: 'UTC' },
      new Date(),
    );
    const seconds = (performance.now() - started) / 1000;
    db.close();
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    process.stdout.write(
      `${JSON.stringify({ seconds, peakRssMb: peakKb / 1024, status: outcome.status, points: outcome.status === 'refused' ? 0 : outcome.points })}\n`,
    );
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

void main();
