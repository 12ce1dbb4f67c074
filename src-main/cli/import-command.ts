/**
 * `stance import FILE_ARCHIVE_OR_FOLDER…`: files, archives and folders into runs, one line (or
 * JSON object) per activity as each is decided. See cli.ts for the usage and README's
 * "The command line".
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { ActivityOutcome } from '../import/activities';
import { importBatch, type BatchSummary } from '../import/batch';
import { ReaderPool } from '../import/reader-pool';
import { localToUtc } from '../db/local-time';
import { MAX_RUN_SECONDS } from '../shared/run-limits';
import { parseDuration } from '../shared/units';
import { isCalendarDate, isClockTime, isTimeZone } from '../shared/validation';
import { UsageError, type CliHost, type Output } from './common';
import { openCliDatabase } from './open-database';

/** Checks that every file or folder named exists (a missing one is a command-line mistake). */
function checkTargets(targets: string[]): void {
  for (const target of targets) {
    if (!fs.existsSync(target)) throw new UsageError(`No such file or folder: ${target}`);
  }
}

/**
 * One line of `import --json`: one activity (a FIT session, a TCX activity, a GPX recording, an
 * archive member). `recording` is the 1-based number of the recording in a file of several (else
 * null); `track` is the same recording as {index, name} (its first GPX track's name), kept for
 * scripts written against the GPX-only import.
 */
function jsonLine(outcome: ActivityOutcome): string {
  return JSON.stringify({
    file: outcome.file,
    entry: outcome.entry,
    recording: outcome.recording,
    track: outcome.track,
    status: outcome.status,
    sport: outcome.sport,
    format: outcome.format,
    device: outcome.deviceName,
    runId: outcome.runId,
    distanceMetres: outcome.distanceMetres === null ? null : Math.round(outcome.distanceMetres * 10) / 10,
    points: outcome.points,
    reason: cliReason(outcome),
    warnings: outcome.warnings,
  });
}

/** The options that time an untimed file, named in refusals so a runner can act on them. */
const UNTIMED_OPTIONS = '--date YYYY-MM-DD --start HH:MM --duration H:MM:SS';

/** A refusal's reason as the command line says it: where the window asks for a date, the CLI names its options. */
function cliReason(outcome: ActivityOutcome): string | null {
  if (outcome.reason === null) return null;
  if (outcome.status === 'refused' && outcome.code === 'needs-start-time') {
    return `${outcome.reason} (stance import FILE ${UNTIMED_OPTIONS})`;
  }
  if (outcome.code === 'near-duplicate') return `${outcome.reason} To import it anyway: --allow-near-duplicates.`;
  return outcome.reason;
}

function where(outcome: ActivityOutcome): string {
  const member = outcome.entry === null ? '' : ` › ${outcome.entry}`;
  if (outcome.recording === null) return `${outcome.file}${member}`;
  const kind = outcome.format === 'gpx' ? 'track' : 'activity';
  const name = outcome.track?.name ?? null;
  return `${outcome.file}${member} [${kind} ${outcome.recording}${name === null ? '' : ` “${name}”`}]`;
}

function textLine(outcome: ActivityOutcome): string {
  switch (outcome.status) {
    case 'imported':
      return `imported   ${where(outcome)}: ${((outcome.distanceMetres ?? 0) / 1000).toFixed(2)} km, ${outcome.points ?? 0} points (run ${outcome.runId})${outcome.warnings.map((warning) => `\n           warning: ${warning}`).join('')}`;
    case 'duplicate':
      return `duplicate  ${where(outcome)}: ${outcome.code === 'near-duplicate' ? (cliReason(outcome) ?? '') : `already in Stance as run ${outcome.runId}`}`;
    case 'skipped':
      return `skipped    ${where(outcome)}: ${outcome.reason ?? ''}`;
    default:
      return `refused    ${where(outcome)}: ${cliReason(outcome) ?? ''}`;
  }
}

/** A start and duration given on the command line for untimed files, checked; undefined when none given. */
function givenStart(values: { date?: string; start?: string; duration?: string }, timeZone: string): { startUtcMs: number; durationSeconds?: number } | undefined {
  if (values.date === undefined && values.start === undefined && values.duration === undefined) return undefined;
  if (values.date === undefined || values.start === undefined) throw new UsageError(`A file without times needs both --date and --start: ${UNTIMED_OPTIONS}`);
  if (!isCalendarDate(values.date)) throw new UsageError(`--date must be a date as YYYY-MM-DD, e.g. 2024-05-04 (not "${values.date}").`);
  if (!isClockTime(values.start)) throw new UsageError(`--start must be a time as HH:MM, e.g. 07:30 (not "${values.start}").`);
  let durationSeconds: number | undefined;
  if (values.duration !== undefined) {
    const parsed = parseDuration(values.duration);
    if (parsed === null || !(parsed > 0) || parsed > MAX_RUN_SECONDS) {
      throw new UsageError(`--duration must be how long the run took, as H:MM:SS or MM:SS, e.g. 0:45:00 (not "${values.duration}").`);
    }
    durationSeconds = parsed;
  }
  const startUtcMs = localToUtc(values.date, values.start, timeZone).getTime();
  return { startUtcMs, ...(durationSeconds !== undefined ? { durationSeconds } : {}) };
}

/** Runs `stance import` (arguments after the command's name); exit status 1 when anything was refused. */
export async function importCommand(args: string[], output: Output, host: CliHost): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      'time-zone': { type: 'string' },
      date: { type: 'string' },
      start: { type: 'string' },
      duration: { type: 'string' },
      'allow-near-duplicates': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one file, archive or folder.');
  const timeZone = values['time-zone'] ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  if (!isTimeZone(timeZone)) throw new UsageError(`Unknown time zone: ${timeZone}`);
  const given = givenStart(values, timeZone);
  checkTargets(positionals);
  const { db } = await openCliDatabase(values.db, host);
  // Files read on every core (reader threads), stored here in order.
  const readers = host.readerScript !== undefined ? new ReaderPool({ script: host.readerScript }) : undefined;
  // A closed pipe (`| head`) stops the batch between files, quietly.
  const stop = new AbortController();
  let summary: BatchSummary;
  try {
    summary = await importBatch(
      db,
      positionals.map((target) => ({ path: target })),
      {
        timeZone,
        ...(readers ? { readers } : {}),
        allowNearDuplicates: values['allow-near-duplicates'],
        ...(given ? { given } : {}),
        signal: stop.signal,
        onOutcome: (outcome) => {
          if (output.closed?.() === true) {
            stop.abort();
            return;
          }
          output.out(values.json ? jsonLine(outcome) : textLine(outcome));
        },
        onProgress: () => {
          if (output.closed?.() === true) stop.abort();
        },
      },
    );
  } finally {
    await readers?.close();
    db.close();
  }
  if (!values.json && output.closed?.() !== true) {
    const skipped = summary.skipped > 0 ? `, ${summary.skipped} other sports skipped` : '';
    output.err(`${summary.imported} imported, ${summary.duplicate} duplicates skipped${skipped}, ${summary.refused} refused.`);
    if (summary.gearOffered.length > 0) output.err(`Gear in the export that matches none of your shoes: ${summary.gearOffered.join(', ')} (add them in Settings › Shoes).`);
    for (const note of summary.notes) output.err(note);
    if (summary.whatItHeld !== null) output.err(summary.whatItHeld);
  }
  // With --json, the last line is the summary (never "0 imported" alone: what the files held, the formats read).
  if (values.json && output.closed?.() !== true) {
    const { imported, duplicate, skipped, refused, otherFiles, held, notes, whatItHeld, cancelled, gearOffered } = summary;
    output.out(JSON.stringify({ summary: { imported, duplicate, skipped, refused, otherFiles, held, notes, whatItHeld, cancelled, gearOffered } }));
  }
  return summary.refused > 0 ? 1 : 0;
}
