/**
 * Import of a Stance JSON export (export.ts) into an empty or existing database, in ONE
 * transaction: all of it or none of it.
 *
 * Records the database already holds are recognised by their table's natural key (each table's
 * description in db/tables/ says it, in words and as a query), and not added again (a
 * recognised record keeps the database's version; nothing from the file is merged into it).
 * Rows belonging to a recognised record (its owner, in the description) are already there.
 *
 * Runs, check-ins, sessions and recovery entries are matched against what the database held
 * before the import, so two identical check-ins in one file are both kept (as they were in
 * the database exported). A record keeps its id from the file when that id is free, so an
 * import into an empty database reproduces the exported database exactly.
 *
 * The file is checked whole before anything is written: its format and versions, that every
 * table and column is known, every record against its table's rule, the same as the window's forms and the
 * IPC contract (db/tables/: dates, enums, settings values, id ranges, distances, decoded
 * streams and splits), that every reference points at a record in the file; then the
 * database's own constraints check every value again. Any refusal names the record and writes
 * nothing.
 *
 * Large files: the file is read twice (once to check it, once to import it), each time as a
 * stream of records, by @streamparser/json (MIT): memory stays near the size of the largest
 * record, not of the file, and a file of any size under MAX_IMPORT_BYTES can be read (a single
 * JavaScript string could not hold more than about 512 MB).
 */
import fs from 'node:fs';
import { JSONParser } from '@streamparser/json';
import { z } from 'zod';
import type { StanceDatabase } from '../open';
import type { ImportSummary } from '../../shared/backups';
import { StanceError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { checkRecord, columnsOf, describeTable, exportedTables, type ExportedTable, type ExportRow, type FileFacts } from '../tables';
import { sessionSignature, type SignatureSet } from '../tables/strength-sessions';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type StanceExport } from './export';

/**
 * The largest export file Stance reads from disk: 8 GiB (years of daily GPX runs are a few
 * hundred MB). Read as a stream, so any file under it can really be read. (The window sends
 * the file's bytes, which the IPC contract limits to 1 GB.)
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024 * 1024;
/** Bytes read at a time from an export file. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Bounds checked on the raw bytes before the JSON parser sees them (README "Bounds before
 * parsing"): a Stance export nests 4 deep (the file, its tables, a table's records, a record), so
 * 32 is far more than any needs; its longest value is a run's original file (gzipped) or point
 * stream in base64: a few MB for a 24-hour recording, under 30 MB even for the largest file the
 * importer takes (a 300 MB GPX, a FIT file of a million records), so 64 MB is more than any holds,
 * and far under the longest string JavaScript can make (about 512 MB).
 */
export const JSON_LIMITS = { maxDepth: 32, maxStringBytes: 64 * 1024 * 1024 };

const mbOf = (bytes: number): string => `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;

/**
 * Tracks nesting depth and the length of the string being read over a JSON byte stream, one
 * chunk at a time (a loop over bytes: no recursion, constant memory), and refuses past
 * `JSON_LIMITS` — before the parser, whose time grows faster than the depth, reads the chunk.
 */
class JsonBounds {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private stringBytes = 0;
  private longest = 0;

  /** @throws StanceError naming the bound broken. */
  check(bytes: Uint8Array): void {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let stringStart = inString ? 0 : -1;
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === 0x5c) escaped = true;
        else if (byte === 0x22) {
          inString = false;
          this.stringBytes += i - stringStart;
          this.longest = Math.max(this.longest, this.stringBytes);
          this.stringBytes = 0;
        }
        continue;
      }
      if (byte === 0x22) {
        inString = true;
        stringStart = i + 1;
        this.stringBytes = 0;
      } else if (byte === 0x5b || byte === 0x7b) {
        depth += 1;
        if (depth > JSON_LIMITS.maxDepth) {
          throw refuse(`That file is not a Stance export: it nests values more than ${JSON_LIMITS.maxDepth} deep (a Stance export nests 4 deep).`);
        }
      } else if (byte === 0x5d || byte === 0x7d) depth -= 1;
    }
    if (inString) this.stringBytes += bytes.length - Math.max(0, stringStart);
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    if (this.stringBytes > JSON_LIMITS.maxStringBytes || this.longest > JSON_LIMITS.maxStringBytes) {
      throw refuse(
        `That file is not a Stance export: one of its values is over ${mbOf(JSON_LIMITS.maxStringBytes)} long${inString ? '' : ` (${mbOf(this.longest)})`}, and the longest a Stance export holds (a run's original file) is a few MB.`,
      );
    }
  }
}

const refuse = (message: string) => new StanceError('invalid', `${message} Nothing was imported.`);

const valueSchema = z.union([z.string(), z.number(), z.null()]);
const rowSchema = z.record(z.string(), valueSchema);

/** Where an export comes from: its bytes (the window), a file (the command line), or already in memory (tests). */
export type ExportSource = { bytes: Uint8Array | string } | { file: string } | StanceExport;

/** An export opened for reading: its head, checked, and its records, read as often as needed, one at a time. */
export interface ExportReader {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: string;
  /** Calls `visit` for each record, in file order (or only those of `table`). Synchronous. */
  forEachRecord: (visit: (table: string, row: unknown, index: number) => void, table?: string) => void;
  /** The order in which the file's tables come. */
  tableOrder: string[];
}

const headSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string().max(100).optional(),
});

function isInMemory(source: ExportSource): source is StanceExport {
  return 'tables' in source && 'format' in source;
}

/** Feeds the source's bytes, chunk by chunk, to `write`. */
function forEachChunk(source: { bytes: Uint8Array | string } | { file: string }, write: (chunk: Uint8Array) => void): void {
  if ('bytes' in source) {
    const bytes = typeof source.bytes === 'string' ? Buffer.from(source.bytes, 'utf8') : source.bytes;
    for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) write(bytes.subarray(offset, Math.min(offset + CHUNK_BYTES, bytes.byteLength)));
    return;
  }
  const fd = fs.openSync(source.file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      write(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams an export's JSON: `onHead` for each top-level field the head holds, `onRecord` for
 * each record of each table (the record is dropped from memory after the call).
 * @throws StanceError when the text is not JSON or is cut off.
 */
function streamJson(
  source: { bytes: Uint8Array | string } | { file: string },
  onHead: (key: string, value: unknown) => void,
  onRecord: (table: string, row: unknown, index: number) => void,
): void {
  const parser = new JSONParser({ paths: ['$.format', '$.formatVersion', '$.schemaVersion', '$.exportedAt', '$.tables.*.*'], keepStack: false });
  let failure: unknown;
  let first = true;
  const bounds = new JsonBounds();
  parser.onValue = ({ value, key, stack }) => {
    if (failure) return;
    try {
      if (stack.length === 1) onHead(String(key), value);
      else if (stack.length === 3 && stack[1]?.key === 'tables') onRecord(String(stack[2]!.key), value, Number(key));
    } catch (error) {
      failure = error;
    }
  };
  try {
    forEachChunk(source, (chunk) => {
      if (failure) return;
      let bytes = chunk;
      if (first) {
        first = false;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3); // a byte-order mark
      }
      if (parser.isEnded) {
        if (/\S/.test(Buffer.from(bytes).toString('utf8'))) throw new Error('text after the end');
        return;
      }
      bounds.check(bytes);
      parser.write(bytes);
    });
    if (!failure && !parser.isEnded) parser.end();
  } catch (error) {
    if (failure) throw failure;
    if (error instanceof StanceError) throw error;
    throw refuse('That file is not a Stance export: it is not JSON, or it was cut off.');
  }
  if (failure) throw failure;
}

/**
 * Opens an export and checks its head: the format, its versions, that the tables are ones
 * Stance knows. Reads the whole file once (as a stream) to find its head and its table order.
 * @throws StanceError a runner can act on, writing nothing.
 */
export function openStanceExport(source: ExportSource): ExportReader {
  if (isInMemory(source)) {
    for (const table of Object.keys(source.tables)) {
      if (!(exportedTables as readonly string[]).includes(table)) throw refuse(`That export holds a table Stance does not know ("${table.slice(0, 60)}").`);
    }
    const tableOrder = exportedTables.filter((table) => (source.tables[table]?.length ?? 0) > 0);
    return {
      format: EXPORT_FORMAT,
      formatVersion: source.formatVersion,
      schemaVersion: source.schemaVersion,
      exportedAt: source.exportedAt,
      tableOrder,
      forEachRecord: (visit, only) => {
        for (const table of exportedTables) {
          if (only !== undefined && table !== only) continue;
          (source.tables[table] ?? []).forEach((row, index) => visit(table, row, index));
        }
      },
    };
  }
  if ('bytes' in source && typeof source.bytes !== 'string' && source.bytes.byteLength > MAX_IMPORT_BYTES) throw refuse('That file is over 8 GB, too large to be a Stance export.');
  const head: Record<string, unknown> = {};
  const tableOrder: string[] = [];
  streamJson(
    source,
    (key, value) => {
      head[key] = value;
    },
    (table) => {
      if (tableOrder[tableOrder.length - 1] !== table) {
        if (tableOrder.includes(table)) throw refuse(`That export is damaged: the records of ${table.slice(0, 60)} are split in two.`);
        if (!(exportedTables as readonly string[]).includes(table)) throw refuse(`That export holds a table Stance does not know ("${table.slice(0, 60)}").`);
        tableOrder.push(table);
      }
    },
  );
  if (head.format !== EXPORT_FORMAT) throw refuse('That file is not a Stance export (it has no "format": "stance-export").');
  const parsed = headSchema.safeParse(head);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`That Stance export is damaged (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'not valid'}).`);
  }
  const file = parsed.data;
  if (file.formatVersion > EXPORT_FORMAT_VERSION || file.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw refuse(
      `That export was made by a newer version of Stance (format ${file.formatVersion}, schema ${file.schemaVersion}; this one reads up to format ${EXPORT_FORMAT_VERSION}, schema ${LATEST_SCHEMA_VERSION}). Update Stance to import it.`,
    );
  }
  return {
    format: EXPORT_FORMAT,
    formatVersion: file.formatVersion,
    schemaVersion: file.schemaVersion,
    exportedAt: file.exportedAt ?? '',
    tableOrder,
    forEachRecord: (visit, only) =>
      streamJson(
        source,
        () => undefined,
        (table, row, index) => {
          if (only === undefined || table === only) visit(table, row, index);
        },
      ),
  };
}

/** Reads a whole export into memory (small files and tests); openStanceExport streams. */
export function parseStanceExport(bytes: Uint8Array | string): StanceExport {
  const reader = openStanceExport({ bytes });
  const tables = {} as Record<ExportedTable, ExportRow[]>;
  for (const table of exportedTables) tables[table] = [];
  reader.forEachRecord((table, row) => {
    const parsed = rowSchema.safeParse(row);
    if (!parsed.success) throw refuse(`Record ${tables[table as ExportedTable].length + 1} of ${table} in the file is not a record (fields of text, numbers or null).`);
    tables[table as ExportedTable].push(parsed.data);
  });
  return { format: EXPORT_FORMAT, formatVersion: reader.formatVersion, schemaVersion: reader.schemaVersion, exportedAt: reader.exportedAt, tables };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface Plan {
  /** File id → database id, per table with an id (and for runs: recognised or inserted). */
  ids: Map<ExportedTable, Map<number, number>>;
  /** File ids of records recognised whole: their own rows are skipped. */
  recognisedWhole: Map<ExportedTable, Set<number>>;
  /** Database ids inserted by this import (never matched against). */
  inserted: Map<ExportedTable, Set<number>>;
}

/** What the first reading of the file learns, for the second: small (numbers and short strings per record). */
interface Survey extends FileFacts {
  ids: Map<ExportedTable, Set<number>>;
}

/**
 * Imports an export in one transaction, after checking all of it (first reading); the second
 * reading writes. Returns the counts of records added and recognised per table (the `backup`
 * is the caller's to fill).
 *
 * @param now the time of the import: records dated after it are refused, as in the window.
 * @throws StanceError ('invalid') naming the record refused and why; nothing is written.
 */
export function importStanceExport(db: StanceDatabase, source: ExportSource | ExportReader, now: Date = new Date()): ImportSummary {
  const reader = 'forEachRecord' in source ? source : openStanceExport(source);
  const survey = checkFile(db, reader, now);
  const added: Record<string, number> = {};
  const recognised: Record<string, number> = {};
  for (const table of exportedTables) {
    added[table] = 0;
    recognised[table] = 0;
  }
  const plan: Plan = { ids: new Map(), recognisedWhole: new Map(), inserted: new Map() };
  for (const table of exportedTables) {
    plan.ids.set(table, new Map());
    plan.recognisedWhole.set(table, new Set());
    plan.inserted.set(table, new Set());
  }
  const columnsByTable = new Map(exportedTables.map((table) => [table, columnsOf(db, table)]));

  const importRecord = (tableName: string, record: unknown, index: number) => {
    const table = tableName as ExportedTable;
    const row = record as ExportRow;
    const where = `record ${index + 1} of ${table}`;
    const blobColumns = columnsByTable.get(table)!.filter((column) => column.type === 'BLOB').map((column) => column.name);
    const description = describeTable(table);
    // Rows belonging to a recognised record are already there (and so are their own rows).
    const ownerColumn = description.owner;
    if (ownerColumn) {
      const parentTable = description.parents![ownerColumn] as ExportedTable;
      if (plan.recognisedWhole.get(parentTable)!.has(row[ownerColumn] as number)) {
        if (typeof row.id === 'number') plan.recognisedWhole.get(table)!.add(row.id);
        recognised[table]! += 1;
        return;
      }
    }
    // References follow the records they point at.
    const values: Record<string, unknown> = { ...row };
    for (const [column, parentTable] of Object.entries(description.parents ?? {})) {
      const fileId = row[column];
      if (fileId === null || fileId === undefined) continue;
      values[column] = plan.ids.get(parentTable as ExportedTable)!.get(fileId as number);
    }
    for (const column of blobColumns) {
      if (typeof values[column] === 'string') values[column] = Buffer.from(values[column] as string, 'base64');
    }

    const addedByThisImport = (id: number) => plan.inserted.get(table)!.has(id);
    const existing = description.naturalKey?.find({ db, values, row, file: survey, addedByThisImport });
    if (existing !== undefined) {
      recognised[table]! += 1;
      if (typeof row.id === 'number') {
        plan.ids.get(table)!.set(row.id, existing);
        plan.recognisedWhole.get(table)!.add(row.id);
      }
      return;
    }
    const newId = insertRow(db, table, values, where);
    added[table]! += 1;
    if (typeof row.id === 'number' && newId !== undefined) {
      plan.ids.get(table)!.set(row.id, newId);
      plan.inserted.get(table)!.add(newId);
    }
  };

  db.transaction(() => {
    // Parents before children: one reading when the file lists its tables in that order (as
    // Stance writes them), else one reading per table.
    const order = reader.tableOrder.map((table) => exportedTables.indexOf(table as ExportedTable));
    if (order.every((position, k) => k === 0 || position > order[k - 1]!)) reader.forEachRecord(importRecord);
    else for (const table of exportedTables) if (reader.tableOrder.includes(table)) reader.forEachRecord(importRecord, table);
    const problems = db.pragma('foreign_key_check') as unknown[];
    if (problems.length > 0) throw refuse(`That export left ${problems.length} broken references.`);
  }).immediate(); // the write lock from the start: a batch import running meanwhile waits its turn, and so does this

  return { added, recognised, backup: null };
}

/**
 * The first reading: every record against its table's rule (db/tables/), its columns against the
 * database's, ids unique, BLOBs base64, and every reference pointing at a record in the file.
 */
function checkFile(db: StanceDatabase, reader: ExportReader, now: Date): Survey {
  const known = new Map(exportedTables.map((table) => [table, new Set(columnsOf(db, table).map((column) => column.name))]));
  const blobs = new Map(exportedTables.map((table) => [table, columnsOf(db, table).filter((column) => column.type === 'BLOB').map((column) => column.name)]));
  const ids = new Map<ExportedTable, Set<number>>(exportedTables.map((table) => [table, new Set<number>()]));
  const references: { table: ExportedTable; index: number; column: string; parentTable: ExportedTable; value: ExportRow[string] }[] = [];
  const exerciseNames = new Map<number, string>();
  const setsByEntry = new Map<number, SignatureSet[]>();
  const entriesBySession = new Map<number, { id: number; position: number; exerciseId: number }[]>();
  const trackOfRun = new Map<number, string>();
  const context = { db, now };

  reader.forEachRecord((tableName, record, index) => {
    const table = tableName as ExportedTable;
    const where = `Record ${index + 1} of ${table} in the file`;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) throw refuse(`${where} is not a record (fields of text, numbers or null).`);
    const row = parsed.data;
    for (const column of Object.keys(row)) {
      if (!known.get(table)!.has(column)) throw refuse(`${where} has a field Stance does not know ("${column.slice(0, 60)}").`);
    }
    if (known.get(table)!.has('id')) {
      const id = row.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw refuse(`${where} has no valid id.`);
      if (ids.get(table)!.has(id)) throw refuse(`${where} has the same id (${id}) as another record.`);
      ids.get(table)!.add(id);
    }
    for (const column of blobs.get(table)!) {
      const value = row[column];
      if (value !== null && value !== undefined && (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value))) {
        throw refuse(`${where} has a damaged ${column} (not base64).`);
      }
    }
    checkRecord(table, row, index, context, refuse);
    for (const [column, parentTable] of Object.entries(describeTable(table).parents ?? {})) {
      if (row[column] !== null && row[column] !== undefined) references.push({ table, index, column, parentTable: parentTable as ExportedTable, value: row[column] });
    }
    if (table === 'exercises') exerciseNames.set(row.id as number, String(row.name));
    if (table === 'run_tracks') trackOfRun.set(row.run_id as number, row.points_sha256 as string);
    if (table === 'exercise_sets') {
      const list = setsByEntry.get(row.session_exercise_id as number) ?? [];
      list.push({ set_number: row.set_number, side: row.side, reps: row.reps, seconds: row.seconds, load_kg: row.load_kg } as SignatureSet);
      setsByEntry.set(row.session_exercise_id as number, list);
    }
    if (table === 'session_exercises') {
      const list = entriesBySession.get(row.session_id as number) ?? [];
      list.push({ id: row.id as number, position: row.position as number, exerciseId: row.exercise_id as number });
      entriesBySession.set(row.session_id as number, list);
    }
  });
  for (const reference of references) {
    if (typeof reference.value !== 'number' || !ids.get(reference.parentTable)!.has(reference.value)) {
      throw refuse(
        `Record ${reference.index + 1} of ${reference.table} in the file refers to a record of ${reference.parentTable} (${String(reference.value).slice(0, 30)}) that the file does not hold.`,
      );
    }
  }
  const sessionSignatures = new Map<number, string>();
  for (const sessionId of ids.get('strength_sessions')!) {
    const entries = (entriesBySession.get(sessionId) ?? []).sort((a, b) => a.position - b.position);
    sessionSignatures.set(sessionId, sessionSignature(entries.map((entry) => ({ name: exerciseNames.get(entry.exerciseId) ?? '', sets: setsByEntry.get(entry.id) ?? [] }))));
  }
  return { ids, sessionSignatures, trackOfRun };
}

function insertRow(db: StanceDatabase, table: ExportedTable, values: Record<string, unknown>, where: string): number | undefined {
  const row = { ...values };
  // Keep the file's id when it is free; otherwise the database picks one.
  if (typeof row.id === 'number' && db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(row.id) !== undefined) delete row.id;
  const columns = Object.keys(row);
  try {
    const result = db
      .prepare(`INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => `?`).join(', ')})`)
      .run(...columns.map((column) => row[column]));
    return describeTable(table).columns.includes('id') ? Number(result.lastInsertRowid) : undefined;
  } catch (error) {
    // A value the schema refuses is the file's fault; anything else (a full disk…) is not.
    if (!String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw error;
    const message = (error as Error).message.replace(/^CHECK constraint failed: /, 'a value out of range: ');
    throw refuse(`The ${where} in the file is not valid (${message.slice(0, 200)}).`);
  }
}
