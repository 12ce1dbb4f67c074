/**
 * Knee pain: the record attached to each run (runs.pain_status + run_pain rows) and the daily
 * check-ins (pain_checkins).
 *
 * A run's record is replaced whole, in one transaction: its status and every site together,
 * so no reader ever sees a run marked 'pain' without its sites, or sites left from before.
 */
import type { StanceDatabase } from './open';
import type { ValidInput } from '../shared/contract';
import type { Run } from '../shared/domain';
import { StanceError } from '../shared/errors';
import type { PainCheckin, PainOverview, PainSide, PainSite, RunPain } from '../shared/pain';
import { addDays } from '../shared/calendar';
import { formatDistance, metresPer } from '../shared/units';
import { getRun } from './runs';
import { getSettings } from './settings';
import { isoUtc, utcToLocal } from './local-time';
import { checkStored } from './tables';

interface SiteRow {
  id: number;
  onset_m: number;
  location: PainSite['location'];
  side: PainSite['side'];
  worst_score: number;
  action: PainSite['action'];
  notes: string;
  present_at_start: number;
}

function toSite(row: SiteRow): PainSite {
  return {
    id: row.id,
    painOnsetMetres: row.onset_m,
    location: row.location,
    side: row.side,
    worstScore: row.worst_score,
    action: row.action,
    notes: row.notes,
    presentAtStart: row.present_at_start === 1,
  };
}

function sitesOf(db: StanceDatabase, runId: number): PainSite[] {
  const rows = db
    .prepare('SELECT id, onset_m, location, side, worst_score, action, notes, present_at_start FROM run_pain WHERE run_id = ? ORDER BY onset_m, id')
    .all(runId) as SiteRow[];
  return rows.map(toSite);
}

/** The side of the latest pain recorded on a run other than `runId` (its earliest site). */
function lastUsedSide(db: StanceDatabase, runId: number): PainSide | null {
  const row = db
    .prepare(
      `SELECT run_pain.side FROM run_pain JOIN runs ON runs.id = run_pain.run_id
       WHERE run_pain.run_id <> ?
       ORDER BY runs.started_at DESC, run_pain.onset_m, run_pain.id LIMIT 1`,
    )
    .get(runId) as { side: PainSide } | undefined;
  return row?.side ?? null;
}

/** A run's pain record. Refuses a run that does not exist. */
export function getRunPain(db: StanceDatabase, runId: number): RunPain {
  const run = getRun(db, runId);
  const cutShort = (db.prepare('SELECT cut_short_by_knee FROM runs WHERE id = ?').get(runId) as { cut_short_by_knee: number }).cut_short_by_knee === 1;
  return { runId, status: run.painStatus, sites: sitesOf(db, runId), cutShort, lastUsedSide: lastUsedSide(db, runId) };
}

/**
 * Replaces a run's pain record: its status and all its sites, in one transaction. Refuses an
 * onset beyond the run's distance, in the runner's unit, and writes nothing.
 *
 * An onset typed as the run's distance, rounded as Stance shows it (two decimals), means "at
 * the end": anything within half the last shown digit is accepted and stored as the distance.
 */
export function setRunPain(db: StanceDatabase, record: ValidInput<'pain:setForRun'>, now: Date): RunPain {
  const { units } = getSettings(db);
  const roundingTolerance = 0.005 * metresPer(units);
  const insert = db.prepare(
    `INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action, notes, present_at_start)
     VALUES (@runId, @painOnsetMetres, @location, @side, @worstScore, @action, @notes, @presentAtStart)`,
  );

  db.transaction(() => {
    const run = getRun(db, record.runId);
    record.sites.forEach((site, index) => {
      if (site.presentAtStart !== true && site.painOnsetMetres > run.distanceMetres + roundingTolerance) {
        throw new StanceError(
          'invalid',
          `The pain started at ${formatDistance(site.painOnsetMetres, units)}, but this run was ${formatDistance(run.distanceMetres, units)}. ` +
            'Give a distance within the run.',
          `sites.${index}.painOnsetMetres`,
        );
      }
    });
    db.prepare('DELETE FROM run_pain WHERE run_id = ?').run(record.runId);
    for (const site of record.sites) {
      // Pain already there at the start is stored at 0 m (never an onset in the run).
      const atStart = site.presentAtStart === true;
      const onset = atStart ? 0 : Math.min(site.painOnsetMetres, run.distanceMetres);
      insert.run({ ...site, runId: record.runId, painOnsetMetres: onset, presentAtStart: atStart ? 1 : 0 });
    }
    // Choosing "Not recorded" is the runner's answer: the run stops waiting for a pain note.
    db.prepare('UPDATE runs SET pain_status = ?, cut_short_by_knee = ?, pain_not_recorded = ?, updated_at = ? WHERE id = ?').run(
      record.status,
      record.cutShort === true ? 1 : 0,
      record.status === 'unrecorded' ? 1 : 0,
      isoUtc(now),
      record.runId,
    );
    checkStored(db, 'run_pain', 'run_id = ?', [record.runId], { db, now }, 'pain note');
  })();

  return getRunPain(db, record.runId);
}

/** Runs matching `where`, newest first, `limit` of them from `offset` on. */
function latestRuns(db: StanceDatabase, where: string, limit: number, offset = 0): Run[] {
  const rows = db
    .prepare(`SELECT id FROM runs WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(limit, offset) as { id: number }[];
  return rows.map((row) => getRun(db, row.id));
}

/** Never asked about: no status, and the runner has not said "not recorded". */
const WAITING = "pain_status = 'unrecorded' AND pain_not_recorded = 0";
const RECORDED = "pain_status IN ('none', 'pain')";

/**
 * The Pain page's view of runs: one page of those waiting for a pain note (newest first,
 * `limit` from `waitingOffset`), and the latest `limit` with one. Counts are of all runs.
 */
export function painOverview(db: StanceDatabase, query: ValidInput<'pain:overview'>): PainOverview {
  return db.transaction(() => {
    const counts = db
      .prepare(
        `SELECT count(*) AS runCount, count(*) FILTER (WHERE ${WAITING}) AS waitingCount,
                count(*) FILTER (WHERE pain_status = 'unrecorded' AND pain_not_recorded = 1) AS notRecordedCount
         FROM runs`,
      )
      .get() as { runCount: number; waitingCount: number; notRecordedCount: number };
    return {
      waiting: latestRuns(db, WAITING, query.limit, query.waitingOffset),
      waitingCount: counts.waitingCount,
      waitingOffset: query.waitingOffset,
      notRecordedCount: counts.notRecordedCount,
      recorded: latestRuns(db, RECORDED, query.limit).map((run) => ({ run, sites: sitesOf(db, run.id) })),
      runCount: counts.runCount,
    };
  })();
}

interface CheckinRow {
  id: number;
  local_date: string;
  context: PainCheckin['context'];
  left_score: number | null;
  right_score: number | null;
  notes: string;
  created_at: string;
}

const selectCheckins = 'SELECT id, local_date, context, left_score, right_score, notes, created_at FROM pain_checkins';

function toCheckin(row: CheckinRow): PainCheckin {
  return {
    id: row.id,
    localDate: row.local_date,
    context: row.context,
    leftScore: row.left_score,
    rightScore: row.right_score,
    notes: row.notes,
    createdAt: row.created_at,
  };
}

function getCheckin(db: StanceDatabase, id: number): PainCheckin {
  const row = db.prepare(`${selectCheckins} WHERE id = ?`).get(id) as CheckinRow | undefined;
  if (!row) throw new StanceError('refused', 'That check-in no longer exists. It may have been deleted.');
  return toCheckin(row);
}

/** Check-ins between two dates (both included, either open), newest day first. */
export function listCheckins(db: StanceDatabase, query: ValidInput<'checkins:list'>): PainCheckin[] {
  const rows = db
    .prepare(
      `${selectCheckins}
       WHERE (@fromDate IS NULL OR local_date >= @fromDate) AND (@toDate IS NULL OR local_date <= @toDate)
       ORDER BY local_date DESC, id DESC`,
    )
    .all({ fromDate: query.fromDate ?? null, toDate: query.toDate ?? null }) as CheckinRow[];
  return rows.map(toCheckin);
}

/** The clock in the runner's zone: a check-in may be dated up to tomorrow (a zone away), no later. */
export interface RunnerClock {
  now: Date;
  timeZone: string;
}

function checkCheckinDate(localDate: string, clock: RunnerClock): void {
  const tomorrow = addDays(utcToLocal(clock.now, clock.timeZone).localDate, 1);
  if (localDate > tomorrow) {
    throw new StanceError('invalid', 'That date is in the future. A check-in is for today or a day before.', 'localDate');
  }
  if (localDate < '1970-01-01') {
    throw new StanceError('invalid', 'That date is before 1970. Check the year.', 'localDate');
  }
}

export function addCheckin(db: StanceDatabase, draft: ValidInput<'checkins:add'>, clock: RunnerClock): PainCheckin {
  checkCheckinDate(draft.localDate, clock);
  // The same check-in saved twice (a double click, a second save after a slow answer) is refused, not kept twice.
  const same = db
    .prepare(
      `SELECT id FROM pain_checkins WHERE local_date = @localDate AND context = @context AND left_score IS @leftScore
         AND right_score IS @rightScore AND notes = @notes`,
    )
    .get(draft);
  if (same) {
    throw new StanceError('refused', 'You already saved this same check-in for that day; it is in your check-ins below. Change that one instead.');
  }
  const id = db.transaction(() => {
    const result = db
      .prepare(
        `INSERT INTO pain_checkins (local_date, context, left_score, right_score, notes, created_at)
         VALUES (@localDate, @context, @leftScore, @rightScore, @notes, @createdAt)`,
      )
      .run({ ...draft, createdAt: isoUtc(clock.now) });
    checkStored(db, 'pain_checkins', 'id = ?', [result.lastInsertRowid], { db, now: clock.now }, 'check-in');
    return Number(result.lastInsertRowid);
  })();
  return getCheckin(db, id);
}

export function updateCheckin(db: StanceDatabase, update: ValidInput<'checkins:update'>, clock: RunnerClock): PainCheckin {
  getCheckin(db, update.id);
  checkCheckinDate(update.localDate, clock);
  db.transaction(() => {
    db.prepare(
      `UPDATE pain_checkins SET local_date = @localDate, context = @context, left_score = @leftScore, right_score = @rightScore,
                                notes = @notes
       WHERE id = @id`,
    ).run(update);
    checkStored(db, 'pain_checkins', 'id = ?', [update.id], { db, now: clock.now }, 'check-in');
  })();
  return getCheckin(db, update.id);
}

export function deleteCheckin(db: StanceDatabase, id: number): { deleted: number } {
  const result = db.prepare('DELETE FROM pain_checkins WHERE id = ?').run(id);
  if (result.changes === 0) throw new StanceError('refused', 'That check-in no longer exists. It may have been deleted already.');
  return { deleted: id };
}
