/**
 * Export: everything the runner has logged, as ONE versioned JSON file (complete: an import
 * of it into an empty database gives the same database back, ids included), or as one CSV
 * file per table for spreadsheets.
 *
 * The JSON file:
 *   { "format": "stance-export", "formatVersion": 1, "schemaVersion": 1, "exportedAt": "…Z",
 *     "tables": { "settings": [ {row}, … ], "shoes": [ … ], … } }
 * Each row is the table's row with its database column names (snake_case, SI units, UTC
 * instants). BLOB columns (a run's original GPX, gzipped, and its point streams) are base64
 * strings. Internal settings (the window's position and the like) are not the runner's data
 * and are left out. One row per line, so a file can be read and compared by eye.
 *
 * CSV: a folder with one file per table (RFC 4180, UTF-8, header row). BLOB columns are left
 * out (the JSON file has them). Every cell goes through csvCell: formula triggers defused
 * (OWASP), separators and quotes quoted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StanceDatabase } from './open';
import type { ExportResult } from '../shared/backups';
import { backupStamp } from './backup';
import { isoUtc } from './local-time';
import { getSettings } from './settings';
import { unitColumns } from './export-units';

export const EXPORT_FORMAT = 'stance-export' as const;
export const EXPORT_FORMAT_VERSION = 1;

/** Every table that holds the runner's data, parents before children. */
export const exportedTables = [
  'settings',
  'shoes',
  'exercises',
  'routines',
  'routine_exercises',
  'glute_plans',
  'runs',
  'run_tracks',
  'run_pain',
  'run_pain_followups',
  'pain_checkins',
  'ostrc_weeks',
  'strength_sessions',
  'session_exercises',
  'exercise_sets',
  'recovery_entries',
  'experiment_protocols',
  'experiment_assignments',
  'experiment_runs',
] as const;
export type ExportedTable = (typeof exportedTables)[number];

export type ExportValue = string | number | null;
export type ExportRow = Record<string, ExportValue>;

export interface StanceExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<ExportedTable, ExportRow[]>;
}

const orderBy: Record<ExportedTable, string> = {
  settings: 'key',
  routine_exercises: 'routine_id, position',
  run_tracks: 'run_id',
  shoes: 'id',
  exercises: 'id',
  routines: 'id',
  glute_plans: 'id',
  runs: 'id',
  run_pain: 'id',
  run_pain_followups: 'run_id',
  ostrc_weeks: 'week_start',
  pain_checkins: 'id',
  strength_sessions: 'id',
  session_exercises: 'id',
  exercise_sets: 'id',
  recovery_entries: 'id',
  experiment_protocols: 'id',
  experiment_assignments: 'id',
  experiment_runs: 'run_id',
};

export interface ColumnInfo {
  name: string;
  type: string;
}

export function columnsOf(db: StanceDatabase, table: string): ColumnInfo[] {
  return (db.prepare(`SELECT name, type FROM pragma_table_info(?) ORDER BY cid`).all(table) as ColumnInfo[]).map((column) => ({
    name: column.name,
    type: column.type.toUpperCase(),
  }));
}

/** The rows of one table as exported: BLOBs as base64, internal settings left out. */
export function* exportRows(db: StanceDatabase, table: ExportedTable, options: { blobs: 'base64' | 'omit' } = { blobs: 'base64' }): Generator<ExportRow> {
  const columns = columnsOf(db, table);
  const where = table === 'settings' ? " WHERE key NOT LIKE 'internal.%'" : '';
  const statement = db.prepare(`SELECT * FROM ${table}${where} ORDER BY ${orderBy[table]}`);
  for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
    const out: ExportRow = {};
    for (const column of columns) {
      const value = row[column.name];
      if (Buffer.isBuffer(value)) {
        if (options.blobs === 'base64') out[column.name] = value.toString('base64');
      } else if (column.type === 'BLOB' && options.blobs === 'omit') {
        continue;
      } else {
        out[column.name] = value as ExportValue;
      }
    }
    yield out;
  }
}

/** The whole export in memory (tests, small databases). Read in one transaction: a consistent snapshot. */
export function exportData(db: StanceDatabase, now: Date): StanceExport {
  return db.transaction(() => {
    const tables = {} as Record<ExportedTable, ExportRow[]>;
    for (const table of exportedTables) tables[table] = [...exportRows(db, table)];
    return {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      exportedAt: isoUtc(now),
      tables,
    };
  })();
}

/** Writes `text` pieces to a `.partial` file and renames it into place when complete. */
function writeWhole(file: string, write: (put: (text: string) => void) => void): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, 'w');
  try {
    let buffered: string[] = [];
    let size = 0;
    const flush = () => {
      if (buffered.length === 0) return;
      fs.writeSync(fd, buffered.join(''));
      buffered = [];
      size = 0;
    };
    write((text) => {
      buffered.push(text);
      size += text.length;
      if (size > 1 << 20) flush();
    });
    flush();
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(partial, file);
}

/** Writes the JSON export to `file` (streamed table by table, never the whole text in memory). */
export function writeJsonExport(db: StanceDatabase, file: string, now: Date): ExportResult {
  const counts: Record<string, number> = {};
  db.transaction(() => {
    writeWhole(file, (put) => {
      const head = {
        format: EXPORT_FORMAT,
        formatVersion: EXPORT_FORMAT_VERSION,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        exportedAt: isoUtc(now),
      };
      put(`${JSON.stringify(head).slice(0, -1)},"tables":{\n`);
      exportedTables.forEach((table, tableIndex) => {
        put(`${JSON.stringify(table)}:[`);
        let count = 0;
        for (const row of exportRows(db, table)) {
          put(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
          count += 1;
        }
        counts[table] = count;
        put(`${count === 0 ? '' : '\n'}]${tableIndex === exportedTables.length - 1 ? '\n' : ',\n'}`);
      });
      put('}}\n');
    });
  })();
  return { path: file, format: 'json', counts };
}

/**
 * Characters a spreadsheet skips before it looks for a formula: spaces of every width, the
 * no-break space, zero-width characters and joiners, direction marks, the byte-order mark.
 */
const SKIPPED_BEFORE_FORMULA = /^[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]*/u;
/**
 * What starts a formula (OWASP, "CSV Injection": = + - @, tab, carriage return) plus line
 * feed, and their fullwidth, small and mathematical forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫, −), which
 * some spreadsheets fold to the ASCII ones.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]/u;

/**
 * One CSV cell (RFC 4180), the ONE function every cell of every CSV export goes through
 * (headers, values, any column added later):
 *
 * - a text cell that a spreadsheet could run as a formula — one starting with = + - @, tab,
 *   CR or LF, also after leading spaces, no-break or zero-width spaces or a byte-order mark,
 *   and the fullwidth forms — gets a leading `'`, which spreadsheets show as text (OWASP,
 *   https://owasp.org/www-community/attacks/CSV_Injection);
 * - a cell holding a separator (`,` or `;`, for spreadsheets set to either), a quote, a tab
 *   or a line break is quoted, its quotes doubled.
 *
 * Numbers are written as numbers (a negative distance is not a formula).
 */
export function csvCell(value: ExportValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const afterSkipped = value.slice(SKIPPED_BEFORE_FORMULA.exec(value)![0].length);
  const startsFormula = FORMULA_START.test(value) || FORMULA_START.test(afterSkipped);
  const text = startsFormula ? `'${value}` : value;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes one CSV file per table into `folder` (created); SI columns, then the same in the runner's units (export-units.ts). */
export function writeCsvExport(db: StanceDatabase, folder: string, _now: Date): ExportResult {
  const counts: Record<string, number> = {};
  fs.mkdirSync(folder, { recursive: true });
  db.transaction(() => {
    const settings = getSettings(db);
    for (const table of exportedTables) {
      const columns = columnsOf(db, table).filter((column) => column.type !== 'BLOB');
      const inRunnerUnits = unitColumns(columns.map((column) => column.name), settings);
      let count = 0;
      writeWhole(path.join(folder, `${table}.csv`), (put) => {
        put(`${[...columns.map((column) => column.name), ...inRunnerUnits.map((column) => column.name)].map(csvCell).join(',')}\r\n`);
        for (const row of exportRows(db, table, { blobs: 'omit' })) {
          put(`${[...columns.map((column) => csvCell(row[column.name])), ...inRunnerUnits.map((column) => csvCell(column.value(row)))].join(',')}\r\n`);
          count += 1;
        }
      });
      counts[table] = count;
    }
  })();
  return { path: folder, format: 'csv', counts };
}

/** The default place of an export: `exports/stance-export-<time>.json` or `exports/stance-csv-<time>/`. */
export function exportTarget(exportsFolder: string, format: 'json' | 'csv', now: Date): string {
  return path.join(exportsFolder, format === 'json' ? `stance-export-${backupStamp(now)}.json` : `stance-csv-${backupStamp(now)}`);
}
