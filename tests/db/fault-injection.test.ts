/**
 * Fault injection: a failure forced at each statement of a multi-statement write — a GPX
 * import, a strength session, a pain record, a JSON import — and at each step of a restore
 * leaves the database exactly as it was: row for row, and byte for byte once checkpointed.
 *
 * The fault: db.prepare/exec/pragma are wrapped so that the k-th statement run throws. A fault
 * that lands after the write committed (a read of the result) must leave the finished write.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStanceDatabase, type StanceDatabase } from '../../src-main/db/open';
import { takeBackup, restoreDatabase, listBackups, type RestoreStep } from '../../src-main/db/backups';
import { exportData } from '../../src-main/db/services/export';
import { importStanceExport } from '../../src-main/db/services/import-json';
import { addStrengthSession } from '../../src-main/db/strength';
import { setRunPain } from '../../src-main/db/pain';
import { importGpxFile } from '../../src-main/import/importer';
import { tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { gpxText } from '../support/gpx-text';
import { dumpDatabase } from '../support/dump';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const now = new Date('2026-11-22T09:00:00Z');

class InjectedFault extends Error {}

/** Wraps the database so that the `failAt`-th statement run (1-based) throws. Returns the counter. */
function injectFault(db: StanceDatabase, failAt: number): { count: () => number; failedInTransaction: () => boolean | undefined } {
  let count = 0;
  let failedInTransaction: boolean | undefined;
  const tick = () => {
    count += 1;
    if (count === failAt) {
      failedInTransaction = db.inTransaction;
      throw new InjectedFault(`injected fault at statement ${count}`);
    }
  };
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        tick();
        return original(...args);
      };
    }
    return statement;
  }) as typeof db.prepare;
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    tick();
    return exec(sql);
  }) as typeof db.exec;
  const pragma = db.pragma.bind(db);
  db.pragma = ((source: string, options?: { simple?: boolean }) => {
    tick();
    return pragma(source, options);
  }) as typeof db.pragma;
  return { count: () => count, failedInTransaction: () => failedInTransaction };
}

let base: { file: string; folder: string } | undefined;
/** A database with records of every kind, made once and copied for each attempt. */
async function baseFile(): Promise<string> {
  if (!base) {
    const { folder } = tempFolder('stance-faults-base-');
    const file = path.join(folder, 'base.sqlite');
    const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
    await fillEveryKind(db);
    const backup = await takeBackup(db, path.join(folder, 'backups'), 'manual', FILL_NOW);
    db.close();
    base = { file: path.join(folder, 'backups', backup.name), folder };
  }
  return base.file;
}

async function copyOfBase(): Promise<{ db: StanceDatabase; file: string; folder: string }> {
  const { folder, cleanup } = tempFolder('stance-faults-');
  cleanups.push(cleanup);
  const file = path.join(folder, 'stance.sqlite');
  fs.copyFileSync(await baseFile(), file);
  const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
  cleanups.unshift(() => db.open && db.close());
  return { db, file, folder };
}

function fileBytes(db: StanceDatabase, file: string): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

type Write = (db: StanceDatabase) => Promise<unknown> | unknown;

/** Runs `write` with a fault at statement 1, 2, … until it gets through; checks the database after each. */
async function everyFault(write: Write): Promise<{ statements: number; faultsTried: number }> {
  const clean = await copyOfBase();
  const counter = injectFault(clean.db, Number.POSITIVE_INFINITY);
  await write(clean.db);
  const statements = counter.count();
  const done = dumpDatabase(clean.db);
  expect(statements).toBeGreaterThan(2);

  for (let failAt = 1; failAt <= statements; failAt += 1) {
    const { db, file } = await copyOfBase();
    const before = dumpDatabase(db);
    const bytesBefore = fileBytes(db, file);
    const fault = injectFault(db, failAt);
    await expect(Promise.resolve().then(() => write(db))).rejects.toBeInstanceOf(InjectedFault);
    const after = dumpDatabase(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    if (fault.failedInTransaction() !== false || after === before) {
      expect(after, `fault at statement ${failAt} of ${statements}`).toBe(before);
      expect(fileBytes(db, file)).toBe(bytesBefore);
    } else {
      expect(after, `fault at statement ${failAt} (after the write committed)`).toBe(done);
    }
  }
  return { statements, faultsTried: statements };
}

describe('a failure at each statement of a write leaves the database as it was', () => {
  it('GPX import', async () => {
    const bytes = Buffer.from(gpxText({ seconds: 200, seed: 77, start: '2025-05-05T06:00:00Z' }));
    const { faultsTried } = await everyFault(async (db) => {
      const outcome = await importGpxFile(db, { fileName: 'new.gpx', source: bytes, timeZone: 'UTC' }, now);
      if (outcome.status !== 'imported') throw new Error(outcome.status);
    });
    expect(faultsTried).toBeGreaterThanOrEqual(3);
  });

  it('strength session save', async () => {
    await everyFault((db) =>
      addStrengthSession(
        db,
        {
          localDate: '2026-11-21',
          durationSeconds: 1200,
          rpe: 6,
          notes: '',
          exercises: [
            { exerciseId: 1, band: null, effort: null, notes: '', sets: [1, 2, 3].map((setNumber) => ({ setNumber, side: 'both' as const, amount: 15, loadKg: null })) },
            { exerciseId: 5, band: 'green', effort: 7, notes: '', sets: (['left', 'right'] as const).map((side) => ({ setNumber: 1, side, amount: 20, loadKg: null })) },
          ],
        },
        now,
        'UTC',
      ),
    );
  });

  it('pain record save (replacing the sites of a run)', async () => {
    await everyFault((db) =>
      setRunPain(
        db,
        {
          runId: 1,
          status: 'pain',
          sites: [
            { painOnsetMetres: 3000, location: 'lateral_knee', side: 'right', worstScore: 4, action: 'kept_going', notes: '' },
            { painOnsetMetres: 8000, location: 'hip', side: 'right', worstScore: 6, action: 'walked', notes: '' },
          ],
        },
        now,
      ),
    );
  });

  it('JSON import', async () => {
    const source = await copyOfBase();
    const exported = exportData(source.db, FILL_NOW);
    // Something new and something already there: a different run, a check-in, a session on a new day.
    exported.tables.runs.push({ ...exported.tables.runs[1]!, id: 900, started_at: '2025-01-01T23:05:00Z', local_date: '2025-01-01' });
    exported.tables.pain_checkins.push({ ...exported.tables.pain_checkins[0]!, id: 900, local_date: '2025-01-02' });
    exported.tables.strength_sessions.push({ ...exported.tables.strength_sessions[0]!, id: 900, local_date: '2025-01-03' });
    exported.tables.session_exercises.push({ ...exported.tables.session_exercises[0]!, id: 900, session_id: 900 });
    exported.tables.exercise_sets.push({ ...exported.tables.exercise_sets[0]!, id: 900, session_exercise_id: 900 });
    const { statements } = await everyFault((db) => {
      const summary = importStanceExport(db, exported);
      expect(summary.added.runs).toBe(1);
    });
    expect(statements).toBeGreaterThan(30);
  });
});

describe('a failure at each step of a restore', () => {
  const steps: RestoreStep[] = ['check-backup', 'copy-backup', 'check-copy', 'lock-current', 'keep-current-aside', 'copy-into-current', 'check-restored', 'commit'];

  it.each(steps)('at "%s": the database is as it was, open, and nothing is left behind', async (failing) => {
    const { db, file, folder } = await copyOfBase();
    const backupsFolder = path.join(folder, 'backups');
    const older = await takeBackup(db, backupsFolder, 'manual', FILL_NOW);
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    const before = dumpDatabase(db);
    const backupsBefore = listBackups(backupsFolder);
    const outcome = await restoreDatabase({
      current: db,
      databasePath: file,
      backupsFolder,
      backupFile: path.join(backupsFolder, older.name),
      now,
      beforeStep: (step) => {
        if (step === failing) throw new InjectedFault(step);
      },
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.db?.open).toBe(true);
    cleanups.unshift(() => outcome.db?.open && outcome.db.close());
    expect(dumpDatabase(outcome.db!)).toBe(before);
    expect(outcome.db!.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(listBackups(backupsFolder)).toEqual(backupsBefore);
    expect(fs.readdirSync(folder).filter((name) => /restoring|replaced|restore-plan|partial/.test(name))).toEqual([]);
    expect(fs.readdirSync(backupsFolder).filter((name) => /partial/.test(name))).toEqual([]);
  });

  const replacingSteps: RestoreStep[] = ['check-backup', 'copy-backup', 'check-copy', 'write-plan', 'move-damaged-aside', 'move-copy-in', 'open-restored'];
  it.each(replacingSteps)('over a damaged database, at "%s": the damaged file is in place, byte for byte, and nothing is left behind', async (failing) => {
    const { db, file, folder } = await copyOfBase();
    const backupsFolder = path.join(folder, 'backups');
    const older = await takeBackup(db, backupsFolder, 'manual', FILL_NOW);
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x00, 4096 * 3, 4096 * 3 + 2000);
    fs.writeFileSync(file, bytes);
    const damaged = crypto.createHash('sha256').update(bytes).digest('hex');
    const outcome = await restoreDatabase({
      current: undefined,
      databasePath: file,
      backupsFolder,
      backupFile: path.join(backupsFolder, older.name),
      now,
      beforeStep: (step) => {
        if (step === failing) throw new InjectedFault(step);
      },
    });
    expect(outcome.ok).toBe(false);
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(damaged);
    expect(fs.readdirSync(folder).filter((name) => /restoring|replaced|restore-plan|partial|damaged-/.test(name))).toEqual([]);
  });
});
