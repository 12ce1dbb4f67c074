/**
 * A large export is read as a stream: the command line imports a file several times larger
 * than the JavaScript heap it is given (node --max-old-space-size), so memory stays near the
 * size of the largest record, not of the file. Before, the whole file was read into one string
 * and parsed at once: a 600 MB export failed with V8's "Cannot create a string longer than…"
 * and a 500 MB one took 2 GB.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { exportData } from '../../src-main/db/services/export';
import type { ExportRow } from '../../src-main/db/tables';
import { openTempDatabase, tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { proofCount } from '../support/proofs';
import { runScript, cliScript } from '../support/children';

const work = tempFolder('stance-large-export-');
afterAll(() => work.cleanup());
/** The heap the importer gets, and the file's size as a multiple of it. */
const HEAP_MB = 64;
const FILE_MB = proofCount(140, 600);

/** Writes an export of `FILE_MB` megabytes: the fixture's GPS run, copied with new ids and days. */
async function writeLargeExport(file: string): Promise<number> {
  const { db, cleanup } = await openTempDatabase();
  await fillEveryKind(db, { gpxSeconds: 3600 });
  const small = exportData(db, FILL_NOW);
  cleanup();
  const track = small.tables.run_tracks[0]!;
  const run = small.tables.runs.find((row) => row.id === track.run_id)!;
  const fd = fs.openSync(file, 'w');
  const head = { format: small.format, formatVersion: small.formatVersion, schemaVersion: small.schemaVersion, exportedAt: small.exportedAt };
  fs.writeSync(fd, `${JSON.stringify(head).slice(0, -1)},"tables":{\n"settings":${JSON.stringify(small.tables.settings)},\n`);
  const rowBytes = JSON.stringify(track).length;
  const count = Math.ceil((FILE_MB * 1024 * 1024) / rowBytes);
  // Three runs a day, going back from November 2026 (never in the future, never before 1970).
  const day = (k: number) => new Date(Date.UTC(2026, 10, 1) - Math.floor(k / 3) * 86_400_000).toISOString().slice(0, 10);
  const time = (k: number) => ['06:00', '12:00', '18:00'][k % 3]!;
  const runRow = (k: number): ExportRow => ({ ...run, id: k + 1, shoe_id: null, started_at: `${day(k)}T${time(k)}:00Z`, time_zone: 'UTC', local_date: day(k), local_time: time(k) });
  fs.writeSync(fd, '"runs":[\n');
  for (let k = 0; k < count; k++) fs.writeSync(fd, `${k ? ',\n' : ''}${JSON.stringify(runRow(k))}`);
  fs.writeSync(fd, '\n],\n"run_tracks":[\n');
  for (let k = 0; k < count; k++) {
    const sha = k.toString(16).padStart(64, '0');
    fs.writeSync(fd, `${k ? ',\n' : ''}${JSON.stringify({ ...track, run_id: k + 1, points_sha256: sha, file_sha256: sha })}`);
  }
  fs.writeSync(fd, '\n]\n}}\n');
  fs.closeSync(fd);
  return count;
}

describe('a large export', () => {
  it(`of ${FILE_MB} MB is imported by a command line whose heap is ${HEAP_MB} MB`, async () => {
    const file = path.join(work.folder, 'large.json');
    const runs = await writeLargeExport(file);
    expect(fs.statSync(file).size).toBeGreaterThan(2 * HEAP_MB * 1024 * 1024);
    const database = path.join(work.folder, 'db', 'stance.sqlite');
    const result = await runScript(cliScript, ['import-json', file, '--db', database], {
      timeoutMs: 600_000,
      env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`(${runs} runs)`);
    const db = new Database(database, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM run_tracks').pluck().get()).toBe(runs);
    db.close();
  }, 900_000);
});
