/**
 * Migration 008: the Insights' analysis periods get a table of their own (issue 17's
 * "start a new analysis", found lost by an export).
 *
 * Until now the dates on which the runner started a new analysis lived in the settings table
 * under `internal.insights.periodStarts`, and `internal.` settings are the window's own (its
 * position): never exported. An export and its import into a new database therefore lost them,
 * and the restored Insights joined the closed analyses back into one — a verdict reached and
 * closed at a milestone came back changed. A period start is the runner's data: it is a record
 * of `analysis_periods` (one row per start, `starts_on` a local calendar date, YYYY-MM-DD), which
 * the table descriptions export, import and check like every other table.
 *
 * The stored starts move over in this migration's transaction (dates that are not YYYY-MM-DD
 * are dropped, as the old reader ignored them), and the internal key is removed.
 */
import type { StanceDatabase } from '../open';

export const analysisPeriodsTable = `
CREATE TABLE analysis_periods (
  id          INTEGER PRIMARY KEY,
  starts_on   TEXT NOT NULL UNIQUE CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at  TEXT NOT NULL
) STRICT;
`;

const OLD_KEY = 'internal.insights.periodStarts';

/** Moves the period starts kept under the old internal setting into the new table. */
export function moveAnalysisPeriods(db: StanceDatabase): void {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(OLD_KEY) as string | undefined;
  if (stored === undefined) return;
  let dates: unknown;
  try {
    dates = JSON.parse(stored);
  } catch {
    dates = [];
  }
  const insert = db.prepare("INSERT OR IGNORE INTO analysis_periods (starts_on, created_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
  if (Array.isArray(dates)) {
    for (const date of [...dates].sort()) if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) insert.run(date);
  }
  db.prepare('DELETE FROM settings WHERE key = ?').run(OLD_KEY);
}
