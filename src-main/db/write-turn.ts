/**
 * Writers wait their turn (issue 23). A batch import meets other writers — a restore, a JSON
 * import, a second import in another process — and must neither stop mid-batch on "busy" nor
 * show SQLite's words. So each logical write takes SQLite's write lock at its start
 * (BEGIN IMMEDIATE: reads and writes of one run happen under one lock, so a duplicate check
 * cannot be overtaken by another process's insert), waits for it with the connection's
 * busy_timeout (db/open.ts applyPragmas), and is tried again a bounded number of times while
 * another writer holds the lock. When it must give up, it says so in words.
 */
import { StanceError } from '../shared/errors';
import type { StanceDatabase } from './connection';

/** Attempts of one write while the database stays busy; each waits up to busy_timeout (5 s) for the lock. */
export const WRITE_TURN_ATTEMPTS = 24;
/** Pause between attempts, growing with each, capped (ms). */
const PAUSE_MS = 100;
const PAUSE_CAP_MS = 1000;

/** The database stayed busy (another writer held its lock) through every attempt. */
export class DatabaseBusyError extends StanceError {
  constructor(databasePath: string) {
    super(
      'failed',
      `Stance's database at ${databasePath} stayed busy for over two minutes (a restore, an import or another copy of Stance kept writing to it), so this was not saved.`,
    );
  }
}

/** SQLite's "busy"/"locked" codes: another connection holds the lock (SQLITE_BUSY, _SNAPSHOT, _RECOVERY, _TIMEOUT; SQLITE_LOCKED). */
export function isBusy(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Sleeps this thread (a worker's or the command line's) without spinning. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `work` in ONE transaction that holds SQLite's write lock from its start (BEGIN
 * IMMEDIATE), waiting for and retrying it while another writer holds the lock. `work` must only
 * touch the database (it may run more than once; a failed attempt is rolled back whole).
 *
 * `options.attempts` (default WRITE_TURN_ATTEMPTS): 1 for a write the window waits on in the main
 * process, which must not be held for minutes.
 *
 * @throws DatabaseBusyError (worded) after that many busy attempts (the busy error itself when 1); any other error of
 *   `work` as it is.
 */
export function inWriteTurn<T>(db: StanceDatabase, work: () => T, options: { attempts?: number } = {}): T {
  const attempts = options.attempts ?? WRITE_TURN_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return db.transaction(work).immediate();
    } catch (error) {
      if (!isBusy(error)) throw error;
      // The window's own writes (`attempts: 1`) never hold the main process: after busy_timeout the
      // busy error goes to the dispatcher, which says in words that nothing was changed.
      if (attempts <= 1) throw error;
      if (attempt >= attempts) throw new DatabaseBusyError(db.name);
      pause(Math.min(PAUSE_MS * attempt, PAUSE_CAP_MS));
    }
  }
}
