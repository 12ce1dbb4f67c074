/**
 * Import of a Stance JSON export (export.ts) into an empty or existing database, in ONE
 * transaction: all of it or none of it.
 *
 * Records the database already holds are recognised by natural keys and not added again
 * (a recognised record keeps the database's version; nothing from the file is merged into it):
 *
 *   settings            the key (internal settings are never imported)
 *   shoes, exercises    the name, in any letter case (references to them follow)
 *   routines            the name, in any letter case (with its exercises)
 *   glute_plans         the date the plan starts (effective_from)
 *   runs                the GPS track's points (run_tracks.points_sha256) when the run has one;
 *                       otherwise the same start instant and distance (within half a metre).
 *                       A recognised run keeps its own track and pain record.
 *   pain_checkins       the date and context (morning, stairs…)
 *   strength_sessions   the date and the content: the same exercises (by name) in the same
 *                       order with the same sets (number, side, reps/seconds, load)
 *   recovery_entries    the date, kind and duration
 *
 * Runs, check-ins, sessions and recovery entries are matched against what the database held
 * before the import, so two identical check-ins in one file are both kept (as they were in
 * the database exported). A record keeps its id from the file when that id is free, so an
 * import into an empty database reproduces the exported database exactly.
 *
 * The file is checked before anything is written: its format and versions, that every table
 * and column is known, that every reference points at a record in the file, that BLOBs are
 * base64; then the database's own constraints check every value. Any refusal names the
 * record and writes nothing.
 */
import { z } from 'zod';
import type { StanceDatabase } from './open';
import type { ImportSummary } from '../shared/backups';
import { StanceError } from '../shared/errors';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { columnsOf, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, exportedTables, type ExportedTable, type ExportRow, type StanceExport } from './export';

/** The largest export file Stance reads: 1 GiB (years of daily GPX runs are a few hundred MB). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

const refuse = (message: string) => new StanceError('invalid', `${message} Nothing was imported.`);

const valueSchema = z.union([z.string(), z.number(), z.null()]);
const rowSchema = z.record(z.string(), valueSchema);
const fileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string().optional(),
  tables: z.record(z.string(), z.array(rowSchema)),
});

/** Reads and checks the shape of an export file's bytes. Throws a StanceError a runner can act on. */
export function parseStanceExport(bytes: Uint8Array | string): StanceExport {
  if (typeof bytes !== 'string' && bytes.byteLength > MAX_IMPORT_BYTES) throw refuse('That file is over 1 GB, too large to be a Stance export.');
  let text = typeof bytes === 'string' ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('That file is not a Stance export: it is not JSON, or it was cut off.');
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json !== 'object' || json === null || format !== EXPORT_FORMAT) {
    throw refuse('That file is not a Stance export (it has no "format": "stance-export").');
  }
  const parsed = fileSchema.safeParse(json);
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
  for (const table of Object.keys(file.tables)) {
    if (!(exportedTables as readonly string[]).includes(table)) throw refuse(`That export holds a table Stance does not know ("${table.slice(0, 60)}").`);
  }
  const tables = {} as Record<ExportedTable, ExportRow[]>;
  for (const table of exportedTables) tables[table] = file.tables[table] ?? [];
  return { format: EXPORT_FORMAT, formatVersion: file.formatVersion, schemaVersion: file.schemaVersion, exportedAt: file.exportedAt ?? '', tables };
}

/** Foreign keys of each table: column → parent table. */
const parents: Partial<Record<ExportedTable, Record<string, ExportedTable>>> = {
  routine_exercises: { routine_id: 'routines', exercise_id: 'exercises' },
  runs: { shoe_id: 'shoes' },
  run_tracks: { run_id: 'runs' },
  run_pain: { run_id: 'runs' },
  session_exercises: { session_id: 'strength_sessions', exercise_id: 'exercises' },
  exercise_sets: { session_exercise_id: 'session_exercises' },
};
/** The parent whose recognition means the row is already there too (it belongs to that record). */
const owner: Partial<Record<ExportedTable, string>> = {
  routine_exercises: 'routine_id',
  run_tracks: 'run_id',
  run_pain: 'run_id',
  session_exercises: 'session_id',
  exercise_sets: 'session_exercise_id',
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface Plan {
  /** File id → database id, per table with an id (and for runs: recognised or inserted). */
  ids: Map<ExportedTable, Map<number, number>>;
  /** File ids of records recognised whole: their own rows are skipped. */
  recognisedWhole: Map<ExportedTable, Set<number>>;
  /** Database ids inserted by this import (never matched against). */
  inserted: Map<ExportedTable, Set<number>>;
}

/**
 * Imports an export (already read by parseStanceExport) in one transaction. Returns the counts
 * of records added and recognised per table (the `backup` is the caller's to fill).
 */
export function importStanceExport(db: StanceDatabase, file: StanceExport): ImportSummary {
  checkFile(db, file);
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

  db.transaction(() => {
    const sessionSignatures = fileSessionSignatures(file);
    const trackOfRun = new Map(file.tables.run_tracks.map((row) => [row.run_id as number, row.points_sha256 as string]));
    for (const table of exportedTables) {
      const columns = columnsOf(db, table);
      const blobColumns = new Set(columns.filter((column) => column.type === 'BLOB').map((column) => column.name));
      file.tables[table].forEach((row, index) => {
        const where = `record ${index + 1} of ${table}`;
        // Rows belonging to a recognised record are already there.
        const ownerColumn = owner[table];
        if (ownerColumn) {
          const parentTable = parents[table]![ownerColumn]!;
          if (plan.recognisedWhole.get(parentTable)!.has(row[ownerColumn] as number)) {
            if (table === 'session_exercises') plan.recognisedWhole.get(table)!.add(row.id as number);
            recognised[table]! += 1;
            return;
          }
        }
        // References follow the records they point at.
        const values: Record<string, unknown> = { ...row };
        for (const [column, parentTable] of Object.entries(parents[table] ?? {})) {
          const fileId = row[column];
          if (fileId === null || fileId === undefined) continue;
          values[column] = plan.ids.get(parentTable)!.get(fileId as number);
        }
        for (const column of blobColumns) {
          if (typeof values[column] === 'string') values[column] = Buffer.from(values[column] as string, 'base64');
        }

        const existing = findExisting(db, table, values, row, plan, { sessionSignatures, trackOfRun });
        if (existing !== undefined) {
          recognised[table]! += 1;
          if (typeof row.id === 'number') plan.ids.get(table)!.set(row.id, existing);
          if (table === 'runs' || table === 'routines' || table === 'strength_sessions') plan.recognisedWhole.get(table)!.add(row.id as number);
          return;
        }
        const newId = insertRow(db, table, values, where);
        added[table]! += 1;
        if (typeof row.id === 'number' && newId !== undefined) {
          plan.ids.get(table)!.set(row.id, newId);
          plan.inserted.get(table)!.add(newId);
        }
      });
    }
    const problems = db.pragma('foreign_key_check') as unknown[];
    if (problems.length > 0) throw refuse(`That export left ${problems.length} broken references.`);
  })();
  return { added, recognised, backup: null };
}

/** Checks tables, columns, ids and references before anything is written. */
function checkFile(db: StanceDatabase, file: StanceExport): void {
  const fileIds = new Map<ExportedTable, Set<number>>();
  for (const table of exportedTables) {
    const known = new Set(columnsOf(db, table).map((column) => column.name));
    const blobs = new Set(columnsOf(db, table).filter((column) => column.type === 'BLOB').map((column) => column.name));
    const ids = new Set<number>();
    file.tables[table].forEach((row, index) => {
      const where = `Record ${index + 1} of ${table} in the file`;
      for (const column of Object.keys(row)) {
        if (!known.has(column)) throw refuse(`${where} has a field Stance does not know ("${column.slice(0, 60)}").`);
      }
      if (known.has('id')) {
        const id = row.id;
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw refuse(`${where} has no valid id.`);
        if (ids.has(id)) throw refuse(`${where} has the same id (${id}) as another record.`);
        ids.add(id);
      }
      for (const column of blobs) {
        const value = row[column];
        if (value !== null && value !== undefined && (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value))) {
          throw refuse(`${where} has a damaged ${column} (not base64).`);
        }
      }
    });
    fileIds.set(table, ids);
  }
  for (const table of exportedTables) {
    file.tables[table].forEach((row, index) => {
      for (const [column, parentTable] of Object.entries(parents[table] ?? {})) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        if (typeof value !== 'number' || !fileIds.get(parentTable)!.has(value)) {
          throw refuse(`Record ${index + 1} of ${table} in the file refers to a record of ${parentTable} (${String(value).slice(0, 30)}) that the file does not hold.`);
        }
      }
    });
  }
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
    return table === 'settings' || table === 'run_tracks' || table === 'routine_exercises' ? undefined : Number(result.lastInsertRowid);
  } catch (error) {
    // A value the schema refuses is the file's fault; anything else (a full disk…) is not.
    if (!String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw error;
    const message = (error as Error).message.replace(/^CHECK constraint failed: /, 'a value out of range: ');
    throw refuse(`The ${where} in the file is not valid (${message.slice(0, 200)}).`);
  }
}

interface MatchContext {
  sessionSignatures: Map<number, string>;
  trackOfRun: Map<number, string>;
}

/** The database id of the record this row is (by its natural key), or undefined for a new record. */
function findExisting(
  db: StanceDatabase,
  table: ExportedTable,
  values: Record<string, unknown>,
  row: ExportRow,
  plan: Plan,
  context: MatchContext,
): number | undefined {
  const before = (ids: number[]) => ids.find((id) => !plan.inserted.get(table)!.has(id));
  const one = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { id: number } | undefined)?.id;
  const many = (sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as { id: number }[]).map((r) => r.id);
  switch (table) {
    case 'settings':
      if (typeof values.key === 'string' && values.key.startsWith('internal.')) return 0; // never imported
      return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(values.key) ? 0 : undefined;
    case 'shoes':
      return one('SELECT id FROM shoes WHERE name = ? COLLATE NOCASE', values.name);
    case 'exercises':
      return one('SELECT id FROM exercises WHERE name = ? COLLATE NOCASE', values.name);
    case 'routines':
      return one('SELECT id FROM routines WHERE name = ? COLLATE NOCASE', values.name);
    case 'glute_plans':
      return one('SELECT id FROM glute_plans WHERE effective_from = ?', values.effective_from);
    case 'runs': {
      const points = context.trackOfRun.get(row.id as number);
      if (points !== undefined) {
        const byTrack = one('SELECT run_id AS id FROM run_tracks WHERE points_sha256 = ?', points);
        if (byTrack !== undefined) return byTrack;
      }
      return before(many('SELECT id FROM runs WHERE started_at = ? AND abs(distance_m - ?) < 0.5 ORDER BY id', values.started_at, values.distance_m));
    }
    case 'pain_checkins':
      return before(many('SELECT id FROM pain_checkins WHERE local_date = ? AND context = ? ORDER BY id', values.local_date, values.context));
    case 'recovery_entries':
      return before(
        many('SELECT id FROM recovery_entries WHERE local_date = ? AND kind = ? AND duration_s IS ? ORDER BY id', values.local_date, values.kind, values.duration_s),
      );
    case 'strength_sessions': {
      const signature = context.sessionSignatures.get(row.id as number);
      const candidates = many('SELECT id FROM strength_sessions WHERE local_date = ? ORDER BY id', values.local_date).filter(
        (id) => !plan.inserted.get(table)!.has(id),
      );
      return candidates.find((id) => databaseSessionSignature(db, id) === signature);
    }
    default:
      return undefined;
  }
}

interface SignatureSet {
  set_number: ExportRow[string];
  side: ExportRow[string];
  reps: ExportRow[string];
  seconds: ExportRow[string];
  load_kg: ExportRow[string];
}

function signatureOf(exercises: { name: string; sets: SignatureSet[] }[]): string {
  return JSON.stringify(
    exercises.map((exercise) => [
      exercise.name.toLowerCase(),
      exercise.sets
        .map((set) => [set.set_number, set.side, set.reps ?? null, set.seconds ?? null, set.load_kg ?? null])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]),
  );
}

/** Each session's content signature, from the file's own rows. */
function fileSessionSignatures(file: StanceExport): Map<number, string> {
  const exerciseNames = new Map(file.tables.exercises.map((row) => [row.id as number, String(row.name)]));
  const setsByEntry = new Map<number, SignatureSet[]>();
  for (const set of file.tables.exercise_sets) {
    const list = setsByEntry.get(set.session_exercise_id as number) ?? [];
    list.push(set as unknown as SignatureSet);
    setsByEntry.set(set.session_exercise_id as number, list);
  }
  const entriesBySession = new Map<number, ExportRow[]>();
  for (const entry of file.tables.session_exercises) {
    const list = entriesBySession.get(entry.session_id as number) ?? [];
    list.push(entry);
    entriesBySession.set(entry.session_id as number, list);
  }
  const signatures = new Map<number, string>();
  for (const session of file.tables.strength_sessions) {
    const entries = (entriesBySession.get(session.id as number) ?? []).sort((a, b) => (a.position as number) - (b.position as number));
    signatures.set(
      session.id as number,
      signatureOf(entries.map((entry) => ({ name: exerciseNames.get(entry.exercise_id as number) ?? '', sets: setsByEntry.get(entry.id as number) ?? [] }))),
    );
  }
  return signatures;
}

function databaseSessionSignature(db: StanceDatabase, sessionId: number): string {
  const entries = db
    .prepare(
      `SELECT se.id, e.name FROM session_exercises se JOIN exercises e ON e.id = se.exercise_id WHERE se.session_id = ? ORDER BY se.position`,
    )
    .all(sessionId) as { id: number; name: string }[];
  const sets = db.prepare('SELECT set_number, side, reps, seconds, load_kg FROM exercise_sets WHERE session_exercise_id = ?');
  return signatureOf(entries.map((entry) => ({ name: entry.name, sets: sets.all(entry.id) as SignatureSet[] })));
}
