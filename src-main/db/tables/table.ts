/**
 * What a table description says (one file per table in this folder, listed in tables/index.ts).
 * A description is the ONE place that says, for its table:
 *
 * - `columns`: every column of the table (tests/db/hostile-json fails for a column of the
 *   database that no description names);
 * - `check`: its record rule, the same for every door a record comes in by (the window's
 *   handlers, the file import, the JSON import): a record the rule refuses is never stored;
 * - `naturalKey`: how a record already in the database is recognised (the JSON import adds it
 *   only when it is not there), in words and as a query;
 * - `parents` and `owner`: its references (column → table) and the one parent whose record it
 *   belongs to (a row of a recognised owner is already there too);
 * - `unitColumns`: the CSV export's columns in the runner's units, beside the SI ones;
 * - `exported`, `exportOrder`, `exportWhere`: whether and how its rows go into an export.
 *
 * Adding a table (a new questionnaire, say) is its migration plus one description here and its
 * line in tables/index.ts; export, JSON import, CSV and the record checks then follow.
 *
 * Descriptions are table access only: they may read the database, never a service
 * (db/services/) or a repository above them.
 */
import type { Settings } from '../../shared/domain';
import type { StanceDatabase } from '../open';

/** One value of a record as exported: text, a number, or null (BLOBs are base64 text). */
export type ExportValue = string | number | null;
/** One record with its database column names (snake_case, SI units, UTC instants). */
export type ExportRow = Record<string, ExportValue>;

export interface RuleContext {
  db: StanceDatabase;
  /** The time of the write: records after it are refused, as the window refuses them. */
  now: Date;
  /**
   * For a record Stance has just made itself (the file import): the content of its BLOB columns
   * as made, so the rule checks it without decoding the base64 of an export (the same checks:
   * gzip, point count, points on the Earth, pieces).
   */
  madeByStance?: { originalGzip: Uint8Array; points: TrackPoints };
}

/** A track's points as the rule checks them (track/streams-codec's decoded streams have this shape). */
export interface TrackPoints {
  latitude: ArrayLike<number>;
  longitude: ArrayLike<number>;
  pieceStarts: Iterable<number>;
}

/** What is wrong with a record, in the words the window would use; the caller adds which record. */
export class RecordProblem extends Error {}

/** A CSV column in the runner's units, computed from a record's SI columns. */
export interface UnitColumn {
  /** The header, with its unit: "distance_mi". */
  name: string;
  value: (row: ExportRow) => ExportValue;
}

/** Makes the unit column for the runner's settings, or null where the SI column already is in their unit. */
export type UnitColumnSpec = (settings: Pick<Settings, 'units' | 'loadUnit'>) => UnitColumn | null;

/** What the first reading of an export file learns that a natural key needs (file ids → facts). */
export interface FileFacts {
  /** The file's run id → the points_sha256 of its track. */
  trackOfRun: ReadonlyMap<number, string>;
  /** The file's session id → its content signature (tables/strength-sessions.ts sessionSignature). */
  sessionSignatures: ReadonlyMap<number, string>;
}

/** What a natural key looks at: the record (references already mapped to database ids) and its file. */
export interface NaturalKeyQuery {
  db: StanceDatabase;
  /** The record with references pointing at database ids and BLOBs as bytes. */
  values: Record<string, unknown>;
  /** The record as in the file (its own file ids). */
  row: ExportRow;
  file: FileFacts;
  /** Whether this import added the record `id` (records added by the import are never matched). */
  addedByThisImport: (id: number) => boolean;
}

export interface NaturalKey {
  /** The key in words (for the README and the import's documentation). */
  words: string;
  /** The database id of the record already there (0 for a table without ids), or undefined. */
  find: (query: NaturalKeyQuery) => number | undefined;
}

export interface TableDescription<Name extends string = string> {
  name: Name;
  /** Every column of the table, in the order the migration made them. */
  columns: readonly string[];
  /** The record rule. Throws a RecordProblem (or a StanceError from a shared check) for a record that may not enter. */
  check: (row: ExportRow, context: RuleContext) => void;
  naturalKey?: NaturalKey;
  /** References: column → the table it points at. */
  parents?: Readonly<Record<string, string>>;
  /** The reference column naming the record this row belongs to (its rows come and go with it). */
  owner?: string;
  /** The CSV export's columns in the runner's units, in the order they follow the SI columns. */
  unitColumns?: readonly UnitColumnSpec[];
  /** Whether the table is part of the runner's data (the JSON and CSV exports). */
  exported: boolean;
  /** ORDER BY of the export (stable, so two exports of one database compare equal). */
  exportOrder: string;
  /** A WHERE clause leaving rows out of the export (the window's own settings). */
  exportWhere?: string;
}
