/**
 * Export: everything the runner has logged, as ONE versioned JSON file (complete: an import
 * of it into an empty database gives the same database back, ids included).
 *
 * The JSON file:
 *   { "format": "stance-export", "formatVersion": 1, "schemaVersion": 1, "exportedAt": "…Z",
 *     "tables": { "settings": [ {row}, … ], "shoes": [ … ], … } }
 * Each row is the table's row with its database column names (snake_case, SI units, UTC
 * instants). BLOB columns (a run's original GPX, gzipped, and its point streams) are base64
 * strings. Internal settings (the window's position and the like) are not the runner's data
 * and are left out. One row per line, so a file can be read and compared by eye.
 *
 * What is exported, in which order and which rows, is each table's description (db/tables/).
 * The CSV export is csv.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StanceDatabase } from '../open';
import type { ExportResult } from '../../shared/backups';
import { backupStamp } from '../backup';
import { isoUtc } from '../local-time';
import { asExportRow, columnsOf, describeTable, exportedTables, type ExportedTable, type ExportRow } from '../tables';

export const EXPORT_FORMAT = 'stance-export' as const;
export const EXPORT_FORMAT_VERSION = 1;

export interface StanceExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<ExportedTable, ExportRow[]>;
}

/** The rows of one table as exported: BLOBs as base64, internal settings left out. */
export function* exportRows(db: StanceDatabase, table: ExportedTable, options: { blobs: 'base64' | 'omit' } = { blobs: 'base64' }): Generator<ExportRow> {
  const columns = columnsOf(db, table);
  const description = describeTable(table);
  const where = description.exportWhere ? ` WHERE ${description.exportWhere}` : '';
  const statement = db.prepare(`SELECT * FROM ${table}${where} ORDER BY ${description.exportOrder}`);
  for (const row of statement.iterate() as Iterable<Record<string, unknown>>) yield asExportRow(row, columns, options.blobs);
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
export function writeWhole(file: string, write: (put: (text: string) => void) => void): void {
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

/** The default place of an export: `exports/stance-export-<time>.json` or `exports/stance-csv-<time>/`. */
export function exportTarget(exportsFolder: string, format: 'json' | 'csv', now: Date): string {
  return path.join(exportsFolder, format === 'json' ? `stance-export-${backupStamp(now)}.json` : `stance-csv-${backupStamp(now)}`);
}
