/**
 * Two writers: a restore in one process while another process keeps adding runs (the app and
 * the command line share one database file). Every run the writer was told was saved must be
 * somewhere the runner can get it back: in the restored database (confirmed after the restore)
 * or in the before-restore backup (confirmed before it). Before restores went through SQLite,
 * the writer kept writing into the file the restore had renamed away, and those runs were lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { listBackups, takeBackup } from '../../src-main/db/backups';
import { addRun } from '../../src-main/db/runs';
import { tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { proofCount } from '../support/proofs';
import { repoRoot, runCliChild, startScript } from '../support/children';

const work = tempFolder('stance-two-writers-');
afterAll(() => work.cleanup());
const TRIALS = proofCount(2, 10);
const writerScript = path.join(repoRoot, 'tests/support/run-writer-child.ts');

function writerNotes(file: string): Set<string> {
  const db = new Database(file, { readonly: true });
  try {
    return new Set(db.prepare("SELECT notes FROM runs WHERE notes LIKE 'writer-%'").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe('a restore while another process writes', () => {
  it.each(Array.from({ length: TRIALS }, (_, trial) => trial))(
    'trial %i: every run confirmed to the writer is in the restored database or in the before-restore backup',
    async (trial) => {
      const folder = path.join(work.folder, `trial-${trial}`);
      const file = path.join(folder, 'stance.sqlite');
      const backups = path.join(folder, 'backups');
      const db = await openStanceDatabase(file, { backupsFolder: backups });
      await fillEveryKind(db);
      const backup = await takeBackup(db, backups, 'manual', FILL_NOW);
      addRun(db, { localDate: '2026-11-05', localTime: '07:00', timeZone: 'UTC', distanceMetres: 7000, durationSeconds: 2400, effort: null, surface: null, shoeId: null, notes: 'after the backup' }, FILL_NOW);
      db.close();

      // The writer adds runs until it is stopped: once the restore has finished and the writer
      // has since confirmed ten more (SIGKILL then: a run committed but not yet confirmed is
      // allowed to be anywhere; only confirmed ones are checked).
      let restoreStarted = false;
      let restoreDone = false;
      let confirmedAtRestoreEnd = 0;
      let restore: Promise<Awaited<ReturnType<typeof runCliChild>>> | undefined;
      const confirmedIn = (text: string) => text.match(/^ok /gm)?.length ?? 0;
      let latest = '';
      const writer = startScript(writerScript, [file, '100000', '15'], {
        timeoutMs: 170_000,
        onStdout: (text, kill) => {
          latest = text;
          // Restore (from another process: the command line) once the writer is in full flow.
          if (!restoreStarted && confirmedIn(text) >= 8 + trial * 3) {
            restoreStarted = true;
            restore = runCliChild(['restore', backup.name, '--db', file], { timeoutMs: 120_000 });
            void restore.then(() => {
              restoreDone = true;
              confirmedAtRestoreEnd = confirmedIn(latest);
            });
          }
          if (restoreDone && confirmedIn(text) >= confirmedAtRestoreEnd + 10) kill();
        },
      });
      const written = await writer.done;
      expect(written.timedOut, 'the writer was never stopped').toBe(false);
      expect(written.stderr).toBe('');
      expect(restore, 'the restore never started').toBeDefined();
      const restored = await restore!;
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);

      const confirmed = [...written.stdout.matchAll(/^ok (\d+)$/gm)].map((match) => `writer-${match[1]}`);
      expect(confirmed.length).toBeGreaterThan(10);
      const beforeRestore = listBackups(backups).find((each) => each.kind === 'before-restore');
      expect(beforeRestore).toBeDefined();
      const inDatabase = writerNotes(file);
      const inBeforeRestore = writerNotes(path.join(backups, beforeRestore!.name));
      const lost = confirmed.filter((note) => !inDatabase.has(note) && !inBeforeRestore.has(note));
      expect(lost, `confirmed runs found nowhere (database holds ${inDatabase.size}, before-restore ${inBeforeRestore.size})`).toEqual([]);
      // The restore really happened (the run added after the backup is gone from the database,
      // kept in the before-restore copy), and writes after it landed in the restored database.
      const check = new Database(file, { readonly: true });
      expect(check.prepare("SELECT count(*) FROM runs WHERE notes = 'after the backup'").pluck().get()).toBe(0);
      check.close();
      expect(inDatabase.size).toBeGreaterThan(0);
      // Nothing is both: the before-restore copy was taken under the same lock as the restore.
      expect([...inDatabase].filter((note) => inBeforeRestore.has(note))).toEqual([]);
      expect(fs.readdirSync(folder).filter((name) => /replaced|restoring|set-aside/.test(name))).toEqual([]);
    },
    180_000,
  );
});
