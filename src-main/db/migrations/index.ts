import { initialSchema } from './001-initial';
import { insightsExposure } from './002-insights-exposure';
import { painNotRecorded } from './003-pain-not-recorded';
import { recordingSource } from './004-recording-source';
import { clinicCheckins } from './005-clinic-checkins';
import { experimentTables } from './006-experiment';
import { openSources } from './007-open-sources';
import { analysisPeriodsTable, moveAnalysisPeriods } from './008-analysis-periods';
import type { StanceDatabase } from '../open';

/**
 * The numbered migrations. `PRAGMA user_version` holds the number of the last one applied.
 * Append only: a released migration is never edited, a change is a new number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL text cannot say (run after `sql`, in the same transaction). */
  run?: (db: StanceDatabase) => void;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'same-day glute sessions, pain present at the start, runs cut short by the knee', sql: insightsExposure },
  { version: 3, name: 'runs whose pain the runner left not recorded', sql: painNotRecorded },
  { version: 4, name: 'recording source, device and sport', sql: recordingSource },
  { version: 5, name: 'weekly OSTRC knee questionnaire, pain after a run and the next morning', sql: clinicCheckins },
  { version: 6, name: 'the randomised experiment: fixed protocols, drawn assignments, runs and adherence', sql: experimentTables },
  { version: 7, name: 'run sources and file formats named by the import vocabulary, not a fixed list', sql: '', run: openSources },
  { version: 8, name: "the Insights' analysis periods kept as the runner's data (a table), not an internal setting", sql: analysisPeriodsTable, run: moveAnalysisPeriods },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
