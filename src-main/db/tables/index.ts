/**
 * Every table Stance keeps, each by its description (one file per table, table.ts says what a
 * description holds), parents before children: the order an export writes them and an import
 * adds them. A new table is its migration, its description, and its line here.
 */
import { StanceError } from '../../shared/errors';
import type { StanceDatabase } from '../open';
import { RecordProblem, type ExportRow, type ExportValue, type RuleContext, type TableDescription } from './table';
import { settings } from './settings';
import { shoes } from './shoes';
import { exercises } from './exercises';
import { routines } from './routines';
import { routineExercises } from './routine-exercises';
import { glutePlans } from './glute-plans';
import { runs } from './runs';
import { runTracks } from './run-tracks';
import { runPain } from './run-pain';
import { runPainFollowups } from './run-pain-followups';
import { painCheckins } from './pain-checkins';
import { ostrcWeeks } from './ostrc-weeks';
import { strengthSessions } from './strength-sessions';
import { sessionExercises } from './session-exercises';
import { exerciseSets } from './exercise-sets';
import { recoveryEntries } from './recovery-entries';
import { experimentProtocols } from './experiment-protocols';
import { experimentAssignments } from './experiment-assignments';
import { experimentRuns } from './experiment-runs';
import { analysisPeriods } from './analysis-periods';

/** Every table's description, parents before children. */
export const tables = [
  settings,
  shoes,
  exercises,
  routines,
  routineExercises,
  glutePlans,
  runs,
  runTracks,
  runPain,
  runPainFollowups,
  painCheckins,
  ostrcWeeks,
  strengthSessions,
  sessionExercises,
  exerciseSets,
  recoveryEntries,
  experimentProtocols,
  experimentAssignments,
  experimentRuns,
  analysisPeriods,
] as const;

export type TableName = (typeof tables)[number]['name'];
/** A table that holds the runner's data (its description says `exported: true`; today every table does). */
export type ExportedTable = TableName;

/** The tables of an export, parents before children. */
export const exportedTables: readonly ExportedTable[] = tables.filter((table) => table.exported).map((table) => table.name as ExportedTable);

const byName = new Map<string, TableDescription>(tables.map((table) => [table.name, table]));

/** The description of `table`. @throws Error for a name no description has (a programming error). */
export function describeTable(table: string): TableDescription {
  const description = byName.get(table);
  if (!description) throw new Error(`No table description for ${table}.`);
  return description;
}

export interface ColumnInfo {
  name: string;
  /** The declared type, upper case ("BLOB", "TEXT"…). */
  type: string;
}

/**
 * A row as the database returns it, as an export presents it: every column of `columns` in
 * order, BLOBs as base64 text (`blobs: 'omit'` leaves BLOB columns out).
 */
export function asExportRow(row: Record<string, unknown>, columns: readonly ColumnInfo[], blobs: 'base64' | 'omit' = 'base64'): ExportRow {
  const out: ExportRow = {};
  for (const column of columns) {
    const value = row[column.name];
    if (Buffer.isBuffer(value)) {
      if (blobs === 'base64') out[column.name] = value.toString('base64');
    } else if (column.type === 'BLOB' && blobs === 'omit') {
      continue;
    } else {
      out[column.name] = value as ExportValue;
    }
  }
  return out;
}

/** The columns of `table` as the database has them, in order. */
export function columnsOf(db: StanceDatabase, table: string): ColumnInfo[] {
  return (db.prepare(`SELECT name, type FROM pragma_table_info(?) ORDER BY cid`).all(table) as ColumnInfo[]).map((column) => ({
    name: column.name,
    type: column.type.toUpperCase(),
  }));
}

/**
 * Checks one record against its table's rule.
 *
 * @throws RecordProblem or StanceError saying what is wrong with it, in the window's words.
 */
export function checkTableRecord(table: TableName, row: ExportRow, context: RuleContext): void {
  describeTable(table).check(row, context);
}

/** The id a record about to be stored is checked with: the database gives ids from 1, within MAX_RECORD_ID. */
const ID_NOT_YET_GIVEN = 1;

/**
 * Checks a record about to be stored by any writer (the window's handlers, the file import)
 * against its table's rule: the same rule the JSON import applies to a record of an export, so
 * what Stance stores, its export brings back. `row` has the table's column names and SI units;
 * its own id and its owner's (not given yet: the database gives them in the same transaction)
 * are checked as 1.
 *
 * @throws RecordProblem or StanceError saying what is wrong, in the window's words.
 */
export function checkNewRecord(table: TableName, row: ExportRow, context: RuleContext): void {
  const description = describeTable(table);
  const complete: ExportRow = { ...row };
  for (const column of [description.columns.includes('id') ? 'id' : null, description.owner ?? null]) {
    if (column !== null && complete[column] === undefined) complete[column] = ID_NOT_YET_GIVEN;
  }
  description.check(complete, context);
}

/**
 * Checks record number `index` (from 0) of a file against its table's rule.
 *
 * @throws StanceError made by `refuse`, naming the record (`Record N of TABLE in the file`) and
 *   what is wrong with it, in the window's words.
 */
export function checkRecord(table: ExportedTable, row: ExportRow, index: number, context: RuleContext, refuse: (message: string) => StanceError): void {
  try {
    checkTableRecord(table, row, context);
  } catch (error) {
    if (!(error instanceof RecordProblem) && !(error instanceof StanceError)) throw error;
    throw refuse(`Record ${index + 1} of ${table} in the file was refused: ${error.message.replace(/\.$/, '')}.`);
  }
}

/*
 * The one door's check for a record a writer has just written (issue 23: "every write goes through
 * one door with one set of rules"). The window's writers (pain, check-ins, sessions, routines,
 * exercises, recovery, shoes, the glute plan, the weekly questionnaire, follow-ups, settings) call
 * `checkStored` inside their own transaction, after their INSERT or UPDATE: the records are read
 * back exactly as an export will present them (`asExportRow`) and checked by their table's rule —
 * the rule the JSON import applies to an export's records. A record the rule refuses throws, and
 * the writer's transaction is undone: nothing is stored that its export could not bring back.
 */
/**
 * Checks every record of `table` matching `where` (SQL written by the caller's code, never by
 * input; `params` bound to its `?`) against the table's rule, as exported. Call inside the
 * writer's transaction, after the write.
 *
 * @throws StanceError ('invalid') "This WHAT cannot be saved: PROBLEM." for a record the rule
 *   refuses (the writer's transaction rolls back); a StanceError a shared check raises, as it is.
 */
export function checkStored(db: StanceDatabase, table: TableName, where: string, params: readonly unknown[], context: RuleContext, what: string): void {
  const columns = columnsOf(db, table);
  const rows = db.prepare(`SELECT * FROM ${table} WHERE ${where}`).all(...params) as Record<string, unknown>[];
  for (const row of rows) {
    try {
      checkTableRecord(table, asExportRow(row, columns), context);
    } catch (error) {
      if (error instanceof RecordProblem) throw new StanceError('invalid', `This ${what} cannot be saved: ${error.message.replace(/\.$/, '')}.`);
      throw error;
    }
  }
}

export type { ExportRow, ExportValue, FileFacts, RuleContext, TableDescription } from './table';
export { RecordProblem } from './table';
