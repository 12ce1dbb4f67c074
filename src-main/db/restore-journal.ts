/**
 * The part of a restore that must survive a crash, and settling it. No database is opened here
 * (open.ts calls settleInterruptedRestore before it opens anything).
 *
 * A restore over a healthy database (backups.ts restoreDatabase) is one SQLite transaction in
 * the live file, so a crash leaves the old or the restored database and nothing to settle but a
 * left-over copy, `<db>.restoring`, which is removed.
 *
 * A restore over a damaged or missing database replaces the file, in two renames. Before the
 * first, a plan is written and synced, `<db>.restore-plan` (JSON: where the damaged file goes);
 * after the second it is deleted. Settling a plan finishes the restore (roll forward): the
 * damaged file, if still in place, is moved where the plan says, the verified copy is renamed
 * into place. So a crash at any moment ends with the restored database in place, and never
 * with no database, where the next command would create an empty one.
 *
 * Restores made by Stance before this file existed renamed the database to `<db>.replaced`; a
 * `.replaced` file with no database beside it is put back.
 */
import fs from 'node:fs';
import path from 'node:path';

import crypto from 'node:crypto';

/** The name left by Stance before copies were made per restore; always stale. */
export const restoringCopyOf = (databasePath: string) => `${databasePath}.restoring`;
export const restorePlanOf = (databasePath: string) => `${databasePath}.restore-plan`;

/**
 * A copy of its own for one restore, named with this process's id (so two restores at once never
 * share one, and a copy whose process is gone can be told apart from one still in use).
 */
export function newRestoringCopy(databasePath: string): string {
  return `${databasePath}.restoring-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
}

/** True while a process with this id runs (signal 0 tests without signalling). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // running, but another user's
  }
}

/**
 * Removes the files named `<prefix>.<pid>-<tag><suffix>` (and the legacy ones) in `folder` whose
 * process is no longer running: what a killed backup or restore left behind. Files of running
 * processes are theirs, and are left alone.
 */
export function removeLeftoversOfDeadProcesses(folder: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const pid = match[1] ? Number(match[1]) : undefined;
    if (pid !== undefined && isRunning(pid)) continue;
    fs.rmSync(path.join(folder, name), { force: true });
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface RestorePlan {
  /** Where the damaged (or foreign) file at the database's path is moved; null when there was none. */
  damagedTo: string | null;
  /** The checked copy that goes into place (older plans: `<db>.restoring`). */
  copy?: string;
}

export const companions = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Renames a database file with its -wal, -shm and -journal, where present. */
export function moveWithCompanions(from: string, to: string): void {
  const fromFiles = companions(from);
  const toFiles = companions(to);
  fromFiles.forEach((file, index) => {
    if (fs.existsSync(file)) fs.renameSync(file, toFiles[index]!);
  });
}

export function removeWithCompanions(file: string): void {
  for (const each of companions(file)) fs.rmSync(each, { force: true });
}

/** Writes the plan durably (written, synced, renamed into place, folder synced). */
export function writeRestorePlan(databasePath: string, plan: RestorePlan): void {
  const target = restorePlanOf(databasePath);
  const partial = `${target}.partial`;
  const fd = fs.openSync(partial, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(plan));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, target);
  syncFolder(path.dirname(databasePath));
}

/** fsync on a folder makes renames in it durable (a no-op where the system does not allow it). */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for syncing; its renames are durable on their own.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Carries out (or finishes) a plan's renames. Idempotent: each step checks what is already done. */
export function carryOutRestorePlan(databasePath: string, plan: RestorePlan): void {
  const copy = plan.copy ?? restoringCopyOf(databasePath);
  if (fs.existsSync(copy)) {
    // Whatever is still at the database's path (the file, or companions left by a crash between
    // two renames) joins the damaged file, never deleted.
    const aside = plan.damagedTo ?? path.join(path.dirname(databasePath), `set-aside-${Date.now()}.sqlite`);
    moveWithCompanions(databasePath, aside);
    fs.renameSync(copy, databasePath);
    syncFolder(path.dirname(databasePath));
  }
  fs.rmSync(restorePlanOf(databasePath), { force: true });
}

/** A plan's copy must be a restore copy of this database, beside it (never any other file named in a plan). */
function isOwnCopy(databasePath: string, copy: string): boolean {
  return path.dirname(copy) === path.dirname(databasePath) && path.basename(copy).startsWith(`${path.basename(databasePath)}.restoring`);
}

/**
 * Finishes or undoes a restore cut short by a crash, before the database is opened (open.ts
 * does this for every entry point). Returns what it did, for the caller to tell the runner, or
 * null when there was nothing to settle.
 */
export function settleInterruptedRestore(databasePath: string): string | null {
  const planFile = restorePlanOf(databasePath);
  const copy = restoringCopyOf(databasePath);
  let settled: string | null = null;
  if (fs.existsSync(planFile)) {
    let plan: RestorePlan | undefined;
    try {
      plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as RestorePlan;
    } catch {
      plan = undefined; // a plan cut off while written: the renames had not begun
    }
    if (plan && (plan.damagedTo === null || typeof plan.damagedTo === 'string') && (plan.copy === undefined || isOwnCopy(databasePath, plan.copy))) {
      carryOutRestorePlan(databasePath, plan);
      settled = `A restore cut short was finished: ${databasePath} holds the restored backup.`;
    }
    fs.rmSync(planFile, { force: true });
  }
  fs.rmSync(`${planFile}.partial`, { force: true });
  removeWithCompanions(copy);
  // Copies of restores whose process is gone (killed); a running restore's copy is left alone.
  const base = escape(path.basename(databasePath));
  removeLeftoversOfDeadProcesses(path.dirname(databasePath), new RegExp(`^${base}\\.restoring-(\\d+)-[0-9a-f]+(-wal|-shm|-journal)?$`));
  const replaced = `${databasePath}.replaced`;
  if (fs.existsSync(replaced) && !fs.existsSync(databasePath)) {
    moveWithCompanions(replaced, databasePath);
    settled = `A restore cut short was undone: ${databasePath} is back as it was.`;
  }
  return settled;
}
