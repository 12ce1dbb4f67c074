/**
 * Strava's bulk export ("Download your data"): a zip holding `activities.csv` (one row per
 * activity: its name, type, description, gear and the file it was exported to) and
 * `activities/` with each activity as `.fit.gz`, `.gpx(.gz)` or `.tcx.gz`.
 *
 * From the CSV Stance takes, per activity file: the name (the run's title), the description (its
 * notes), the type — only run types ("Run", "Trail Run", "Virtual Run", "Treadmill Run") are
 * imported, every other type is skipped without reading its file, naming the type — and the gear
 * (offered as shoes). Columns are found by their header name, whatever their order; Strava's
 * exports in other languages keep these English headers.
 */
import { refuse, type ImportRefusal } from '../track/refusals';

/** One row of activities.csv that Stance uses. */
export interface StravaActivity {
  name: string | null;
  description: string | null;
  /** Strava's activity type ("Run", "Ride", "Walk"…). */
  type: string;
  gear: string | null;
}

/** Strava's activity types that are runs. */
const RUN_TYPES = new Set(['run', 'trail run', 'virtual run', 'treadmill run', 'running']);

export function isStravaRunType(type: string): boolean {
  return RUN_TYPES.has(type.trim().toLowerCase());
}

/**
 * Bounds on Strava's activities.csv, checked while it is read (README "Bounds before parsing"):
 * twenty years of two activities a day is 14,600 rows of about 90 columns; a description is at
 * most a few thousand characters.
 */
export const CSV_LIMITS = { maxRows: 200_000, maxFieldsPerRow: 1_000, maxFieldChars: 100_000 };

/**
 * Rows of RFC 4180 CSV: fields separated by commas, quoted with "…" (a quote inside doubled), rows by CRLF or LF.
 * @throws ImportRefusal (the index as an archive member) past `CSV_LIMITS`.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const tooBig = (what: string): ImportRefusal =>
    refuse.memberRefused(`this Strava index ${what}, more than any real export, so it was not read: the activities were read from their own files, without Strava's names, descriptions and sports`);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    if (field.length > CSV_LIMITS.maxFieldChars) throw tooBig(`holds a value over ${CSV_LIMITS.maxFieldChars.toLocaleString('en')} characters long`);
    if (row.length > CSV_LIMITS.maxFieldsPerRow) throw tooBig(`holds a row of over ${CSV_LIMITS.maxFieldsPerRow.toLocaleString('en')} columns`);
    if (rows.length > CSV_LIMITS.maxRows) throw tooBig(`holds over ${CSV_LIMITS.maxRows.toLocaleString('en')} rows`);
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.length > 0));
}

/** The path of a file inside the export without any compression suffix, lower case: the key that joins a CSV row to its file. */
export function activityFileKey(entryPath: string): string {
  return entryPath.replace(/\\/g, '/').replace(/^.*?(activities\/)/i, '$1').replace(/\.gz$/i, '').toLowerCase();
}

/**
 * Reads activities.csv into a map from `activityFileKey(Filename)` to the activity. Rows without a
 * file (manual Strava entries) are left out. Returns an empty map when the header lacks
 * "Filename" or "Activity Type".
 */
export function readStravaActivities(csvText: string): Map<string, StravaActivity> {
  const rows = parseCsv(csvText);
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const column = (name: string): number => header.indexOf(name);
  const fileColumn = column('filename');
  const typeColumn = column('activity type');
  const nameColumn = column('activity name');
  const descriptionColumn = column('activity description');
  const gearColumn = column('activity gear');
  const activities = new Map<string, StravaActivity>();
  if (fileColumn < 0 || typeColumn < 0) return activities;
  const text = (row: string[], at: number, limit: number): string | null => {
    const value = at < 0 ? '' : (row[at] ?? '').trim();
    return value.length > 0 ? value.slice(0, limit) : null;
  };
  for (const row of rows.slice(1)) {
    const file = text(row, fileColumn, 1000);
    if (file === null) continue;
    activities.set(activityFileKey(file), {
      name: text(row, nameColumn, 1000),
      description: text(row, descriptionColumn, 5000),
      type: text(row, typeColumn, 60) ?? 'an unknown type',
      gear: text(row, gearColumn, 200),
    });
  }
  return activities;
}
