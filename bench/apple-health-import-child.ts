/**
 * One whole import of an Apple Health export (a zip, or its unpacked folder) into a fresh
 * database, in its own process, so the benchmark reads this process's peak memory (VmHWM) alone.
 * Prints one JSON line: { seconds, peakRssMb, imported, skipped, refused, duplicate, notes }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStanceDatabase } from '../src-main/db/open';
import { importBatch } from '../src-main/import/batch';

async function main(): Promise<void> {
  const source = process.argv[2]!;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-health-child-'));
  try {
    const db = await openStanceDatabase(path.join(folder, 'stance.sqlite'), { backupsFolder: path.join(folder, 'backups') });
    const started = performance.now();
    const summary = await importBatch(db, [{ path: source }], { timeZone: 'Europe/Zurich' });
    const seconds = (performance.now() - started) / 1000;
    db.close();
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    const { imported, skipped, refused, duplicate, notes } = summary;
    process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: peakKb / 1024, imported, skipped, refused, duplicate, notes })}\n`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

void main();
