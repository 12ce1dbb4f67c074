/**
 * Migration 007: `runs.source` and `run_tracks.source_format` stop listing formats (issue 19).
 *
 * Until now `runs.source` had to be 'manual' or 'gpx' ('gpx' standing for any file) and
 * `run_tracks.source_format` one of 'gpx', 'fit', 'tcx', so every new format (a Polar Flow or
 * Apple Health export, a Strava manual entry) needed a migration. Now both hold a short
 * lower-case word (`RUN_SOURCE_PATTERN` in shared/import-formats.ts, which lists the formats);
 * the table descriptions check the word against that list, so a new format is a new entry there.
 *
 * How: SQLite cannot change a CHECK with ALTER TABLE, and rebuilding `runs` would fire the
 * ON DELETE CASCADE of every table pointing at it. SQLite documents the way for a change that
 * only loosens a CHECK ("Making Other Kinds Of Table Schema Changes", sqlite.org/lang_altertable.html,
 * the simpler procedure): rewrite the table's CREATE text in sqlite_schema under
 * `writable_schema` and bump `schema_version`, in the migration's transaction. Every stored row
 * already meets the looser rule, so nothing on disk changes; `integrity_check` is run after.
 */
import type { StanceDatabase } from '../open';

const LOOSER_RUNS_SOURCE = "CHECK (length(source) BETWEEN 1 AND 40 AND source NOT GLOB '*[^a-z0-9-]*' AND source GLOB '[a-z]*')";
const LOOSER_SOURCE_FORMAT =
  "CHECK (source_format IS NULL OR (length(source_format) BETWEEN 1 AND 40 AND source_format NOT GLOB '*[^a-z0-9-]*' AND source_format GLOB '[a-z]*'))";

/** The CREATE text of `table` with `from` replaced by `to`; throws when `from` is not there (a schema this migration does not know). */
function rewritten(db: StanceDatabase, table: string, from: RegExp, to: string): string {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  if (sql === undefined || !from.test(sql)) throw new Error(`Migration 007: the ${table} table does not have the CHECK it loosens.`);
  return sql.replace(from, to);
}

export function openSources(db: StanceDatabase): void {
  const runs = rewritten(db, 'runs', /CHECK \(source IN \('manual', 'gpx'\)\)/, LOOSER_RUNS_SOURCE);
  const tracks = rewritten(db, 'run_tracks', /CHECK \(source_format IS NULL OR source_format IN \('gpx', 'fit', 'tcx'\)\)/, LOOSER_SOURCE_FORMAT);
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true); // lifts better-sqlite3's defensive mode, which forbids writable_schema
  try {
    db.pragma('writable_schema = ON');
    const update = db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?");
    update.run(runs, 'runs');
    update.run(tracks, 'run_tracks');
    db.pragma(`schema_version = ${version + 1}`);
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
  const check = db.pragma('integrity_check', { simple: true });
  if (check !== 'ok') throw new Error(`Migration 007 left the database failing its integrity check (${String(check)}).`);
}
