/**
 * The CSV export: a folder with one file per table (RFC 4180, UTF-8, header row), for
 * spreadsheets. BLOB columns are left out (the JSON export has them). Beside the SI columns,
 * each table's columns in the runner's units (its description's `unitColumns`). Every cell goes
 * through csvCell: formula triggers defused (OWASP), separators and quotes quoted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StanceDatabase } from '../open';
import type { ExportResult } from '../../shared/backups';
import { getSettings } from '../settings';
import { columnsOf, describeTable, exportedTables, type ExportValue } from '../tables';
import { unitColumnsFor } from '../tables/unit-columns';
import { exportRows, writeWhole } from './export';

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

/** Writes one CSV file per table into `folder` (created); SI columns, then the same in the runner's units (each table's description lists its own: tables/*.ts unitColumns). */
export function writeCsvExport(db: StanceDatabase, folder: string, _now: Date): ExportResult {
  const counts: Record<string, number> = {};
  fs.mkdirSync(folder, { recursive: true });
  db.transaction(() => {
    const settings = getSettings(db);
    for (const table of exportedTables) {
      const columns = columnsOf(db, table).filter((column) => column.type !== 'BLOB');
      const inRunnerUnits = unitColumnsFor(describeTable(table).unitColumns, settings);
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

