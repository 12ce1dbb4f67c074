import { initialSchema } from './001-initial';
import { recordingSource } from './004-recording-source';

/**
 * The numbered migrations. `PRAGMA user_version` holds the number of the last one applied.
 * Append only: a released migration is never edited, a change is a new number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbers may leave a gap (002 and 003 belong to branches merged separately): a migration runs
 * when its number is above the file's user_version, in list order.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 4, name: 'recording source, device and sport', sql: recordingSource },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
