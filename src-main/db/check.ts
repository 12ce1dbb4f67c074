/**
 * `stance check`: is the database file intact (`integrity_check`) and does every reference
 * point at a record (`foreign_key_check`)? Opens the file read-only: checking never writes.
 */
import fs from 'node:fs';
import { connect } from './connection';
import type { StanceDatabase } from './open';

export interface CheckReport {
  file: string;
  /** 'ok', or what SQLite found wrong. */
  integrity: string[];
  /** One line per broken reference: table, row and the table it should point into. */
  brokenReferences: string[];
  schemaVersion: number | null;
  ok: boolean;
}

/** Runs both checks on an open database (read-only statements). */
export function checkOpenDatabase(db: StanceDatabase, file: string): CheckReport {
  let integrity: string[];
  try {
    integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } catch (error) {
    integrity = [(error as Error).message];
  }
  let brokenReferences: string[];
  try {
    brokenReferences = (db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map(
      (row) => `${row.table} row ${row.rowid ?? '?'} refers to a missing ${row.parent} record`,
    );
  } catch (error) {
    brokenReferences = [(error as Error).message];
  }
  let schemaVersion: number | null;
  try {
    schemaVersion = db.pragma('user_version', { simple: true }) as number;
  } catch {
    schemaVersion = null;
  }
  const ok = integrity.length === 1 && integrity[0] === 'ok' && brokenReferences.length === 0;
  return { file, integrity, brokenReferences, schemaVersion, ok };
}

/** Checks a database file without opening it for writing (and without creating it). */
export function checkDatabaseFile(file: string, options: { nativeBinding?: string } = {}): CheckReport {
  if (!fs.existsSync(file)) return { file, integrity: [`there is no database at ${file}`], brokenReferences: [], schemaVersion: null, ok: false };
  let db: StanceDatabase;
  try {
    db = connect(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch (error) {
    return { file, integrity: [(error as Error).message], brokenReferences: [], schemaVersion: null, ok: false };
  }
  try {
    return checkOpenDatabase(db, file);
  } finally {
    db.close();
  }
}
