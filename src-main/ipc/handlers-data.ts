/**
 * Handlers for the backups and data channels, the recovery-mode handlers (the database could
 * not be opened), and the host's side of a restore. No electron here: the app (index.ts) and
 * the browser test harness wire the same functions, each with its own way to open a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { channelNames } from '../shared/channels';
import type { DataChannelName } from '../shared/contract-data';
import type { RecoveryInfo, RestoreResult } from '../shared/backups';
import { StanceError } from '../shared/errors';
import type { StanceDatabase } from '../db/open';
import { isBackupName, listBackups, newestGoodBackup, restoreDatabase, rotateBackups, takeBackup } from '../db/backups';
import { exportTarget, writeJsonExport } from '../db/services/export';
import { writeCsvExport } from '../db/services/csv';
import { importStanceExport, openStanceExport } from '../db/services/import-json';
import type { CoreContext, Handlers, HandlersFor } from './core';
import { runWorkerTask } from '../import/jobs';
import type { ImportSummary } from '../shared/backups';

export const EXPORTS_FOLDER_NAME = 'exports';

/** What the data handlers need, with or without an open database. */
export type DataContext = Omit<CoreContext, 'db'> & { db: StanceDatabase | undefined; damaged?: { problem: string } };

function backupFileFor(core: DataContext, name: string): string {
  if (!isBackupName(name) || !listBackups(core.backupsFolder).some((backup) => backup.name === name)) {
    throw new StanceError('refused', 'That backup is no longer in the backups folder. Nothing was changed.');
  }
  return path.join(core.backupsFolder, name);
}

function openDatabase(core: DataContext): StanceDatabase {
  if (!core.db) throw new StanceError('refused', 'Stance’s database is damaged. Restore a backup first.');
  return core.db;
}

export function dataHandlers(core: DataContext): HandlersFor<DataChannelName> {
  return {
    'backups:list': () => ({ folder: core.backupsFolder, backups: listBackups(core.backupsFolder) }),
    'backups:create': async () => {
      const backup = await takeBackup(openDatabase(core), core.backupsFolder, 'manual', core.now());
      rotateBackups(core.backupsFolder, core.now());
      return backup;
    },
    'backups:restore': ({ name }) => core.restoreDatabase(backupFileFor(core, name)),
    'backups:openFolder': async (input) => {
      const which = input && 'folder' in input ? input.folder : 'backups';
      const folder = which === 'exports' ? path.join(core.dataFolder, EXPORTS_FOLDER_NAME) : core.backupsFolder;
      fs.mkdirSync(folder, { recursive: true });
      return { folder, opened: await core.openFolder(folder) };
    },
    'backups:recovery': (): { recovery: RecoveryInfo | null } => {
      if (!core.damaged) return { recovery: null };
      return {
        recovery: {
          problem: core.damaged.problem,
          databasePath: core.databasePath,
          backupsFolder: core.backupsFolder,
          offer: newestGoodBackup(core.backupsFolder),
          backups: listBackups(core.backupsFolder),
        },
      };
    },
    'data:export': ({ format }) => {
      const db = openDatabase(core);
      const target = exportTarget(path.join(core.dataFolder, EXPORTS_FOLDER_NAME), format, core.now());
      return format === 'json' ? writeJsonExport(db, target, core.now()) : writeCsvExport(db, target, core.now());
    },
    'data:importJson': async ({ bytes }) => {
      const db = openDatabase(core);
      if (core.importWorker) {
        // Off the main thread (import/worker.ts): the window keeps answering while a large export is read.
        const { nativeBinding, ...script } = core.importWorker;
        return runWorkerTask<ImportSummary & { backup: string }>(
          { task: 'json', databasePath: core.databasePath, ...(nativeBinding ? { nativeBinding } : {}), bytes, backupsFolder: core.backupsFolder, nowMs: core.now().getTime() },
          script,
        );
      }
      const file = openStanceExport({ bytes });
      const backup = await takeBackup(db, core.backupsFolder, 'before-import', core.now());
      try {
        return { ...importStanceExport(db, file, core.now()), backup: backup.name };
      } catch (error) {
        fs.rmSync(path.join(core.backupsFolder, backup.name), { force: true });
        throw error;
      }
    },
  };
}

const DAMAGED = 'Stance’s database is damaged, so this cannot be done. Restore a backup first (Stance shows how when it opens).';

/**
 * Handlers for recovery mode, when the database could not be opened: the backups channels
 * work (list, restore, open the folder, what is wrong); every other channel is refused and
 * nothing touches the damaged file.
 */
export function recoveryHandlers(core: Omit<DataContext, 'db' | 'damaged'> & { damaged: { problem: string } }): Handlers {
  const refuse = () => {
    throw new StanceError('refused', DAMAGED);
  };
  const all = Object.fromEntries(channelNames.map((name) => [name, refuse])) as unknown as Handlers;
  return { ...all, ...dataHandlers({ ...core, db: undefined }) };
}

/**
 * The host's side of a restore (index.ts and the test harness): runs db/backups.ts's restore on
 * the database it holds and hands the database to use next to `swap` — the restored one, or
 * the original reopened when the restore failed (then the error is thrown on).
 */
export function restoreHook(host: {
  current: () => StanceDatabase | undefined;
  databasePath: string;
  backupsFolder: string;
  now: () => Date;
  nativeBinding?: string;
  swap: (db: StanceDatabase | undefined) => void;
}): (backupFile: string) => Promise<RestoreResult> {
  return async (backupFile) => {
    const outcome = await restoreDatabase({
      current: host.current(),
      databasePath: host.databasePath,
      backupsFolder: host.backupsFolder,
      backupFile,
      now: host.now(),
      ...(host.nativeBinding ? { nativeBinding: host.nativeBinding } : {}),
    });
    host.swap(outcome.db);
    if (!outcome.ok) {
      if (outcome.error instanceof StanceError) throw outcome.error;
      throw new StanceError('failed', `Stance could not restore that backup (${outcome.error.message}). Your database is as it was.`);
    }
    return {
      restored: path.basename(backupFile),
      keptAside: outcome.keptAside?.name ?? null,
      damagedFileMovedTo: outcome.damagedFileMovedTo,
    };
  };
}
