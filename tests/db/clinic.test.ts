/**
 * The physiotherapist's check-ins against a real SQLite file: the weekly OSTRC-O2 questionnaire,
 * a run's follow-up scores and its traffic light, Today's questions and weekly line, the report's
 * figures, export → import of the new records, and migration 5 over a database made by schema 4.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStanceDatabase, type StanceDatabase } from '../../src-main/db/open';
import { migrations, LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import { addRun } from '../../src-main/db/runs';
import { setRunPain } from '../../src-main/db/pain';
import { updateSettings } from '../../src-main/db/settings';
import { setPlan } from '../../src-main/db/glute-plan';
import { getRunFollowup, listOstrcWeeks, saveOstrcWeek, setRunFollowup } from '../../src-main/db/clinic-checkins';
import { clinicReport, clinicToday, paperFor } from '../../src-main/db/services/clinic';
import { exportData } from '../../src-main/db/services/export';
import { readInsights } from '../../src-main/db/services/insights';
import { importStanceExport } from '../../src-main/db/services/import-json';
import { ostrcDraftSchema, followupDraftSchema } from '../../src-main/shared/contract-clinic';
import { openTempDatabase, countRows, tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
async function fresh(): Promise<StanceDatabase> {
  const temp = await openTempDatabase();
  cleanups.push(temp.cleanup);
  return temp.db;
}

const zone = 'Europe/London';
// Thursday 26 November 2026, 09:00 in London; weeks start on Monday (the default): this week began 23 November.
const now = new Date('2026-11-26T09:00:00Z');
const clock = { now, timeZone: zone };
const ostrc = (draft: object) => ostrcDraftSchema.parse(draft);
const followup = (draft: object) => followupDraftSchema.parse(draft);

function painfulRun(db: StanceDatabase, localDate: string, worstScore: number, distanceMetres = 8000) {
  const run = addRun(db, { localDate, localTime: '07:00', timeZone: zone, distanceMetres, durationSeconds: 2800, effort: null, surface: 'road', shoeId: null, notes: '' }, now);
  setRunPain(db, { runId: run.id, status: 'pain', sites: [{ painOnsetMetres: 5000, location: 'lateral_knee', side: 'left', worstScore, action: 'slowed', notes: '' }] }, now);
  return run;
}

describe('the weekly knee questionnaire', () => {
  it('is offered on Today until answered this week, then kept with its score; answering again replaces it', async () => {
    const db = await fresh();
    expect(clinicToday(db, clock)).toMatchObject({ weekStart: '2026-11-23', ostrcThisWeek: null });
    const saved = saveOstrcWeek(db, ostrc({ weekStart: '2026-11-23', q1: 17, q2: 17, q3: 8, q4: 17 }), clock);
    expect(saved).toMatchObject({ weekStart: '2026-11-23', severity: 59, substantial: true });
    expect(clinicToday(db, clock).ostrcThisWeek).toMatchObject({ severity: 59 });
    saveOstrcWeek(db, ostrc({ weekStart: '2026-11-23', q1: 0 }), clock);
    expect(listOstrcWeeks(db)).toEqual([expect.objectContaining({ weekStart: '2026-11-23', severity: 0, q2: null, substantial: false })]);
    expect(countRows(db, 'ostrc_weeks')).toBe(1);
  });

  it('follows the runner’s week start, and refuses a day that does not start a week or a week not begun, changing nothing', async () => {
    const db = await fresh();
    updateSettings(db, { weekStartsOn: 0 });
    expect(clinicToday(db, clock).weekStart).toBe('2026-11-22');
    expect(() => saveOstrcWeek(db, ostrc({ weekStart: '2026-11-23', q1: 0 }), clock)).toThrow('2026-11-23 is not the first day of a week (your weeks start on Sunday).');
    expect(() => saveOstrcWeek(db, ostrc({ weekStart: '2026-11-29', q1: 0 }), clock)).toThrow(/has not begun yet/);
    expect(countRows(db, 'ostrc_weeks')).toBe(0);
  });

  it('the database itself refuses answers the scoring does not allow', async () => {
    const db = await fresh();
    const insert = (q1: number, q2: number | null) =>
      db.prepare("INSERT INTO ostrc_weeks (week_start, q1, q2, q3, q4, created_at, updated_at) VALUES ('2026-11-23', ?, ?, NULL, NULL, 'x', 'x')").run(q1, q2);
    expect(() => insert(0, 8)).toThrow(/CHECK/);
    expect(() => insert(9, null)).toThrow(/CHECK/);
    expect(() => insert(8, null)).toThrow(/CHECK/);
  });
});

describe('pain after a run and the next morning', () => {
  it('Today asks after a run that hurt, then the next morning; the light turns red when it has not settled', async () => {
    const db = await fresh();
    const yesterday = painfulRun(db, '2026-11-25', 4);
    const calm = addRun(db, { localDate: '2026-11-25', localTime: '18:00', timeZone: zone, distanceMetres: 5000, durationSeconds: 1600, effort: null, surface: null, shoeId: null, notes: '' }, now);
    setRunPain(db, { runId: calm.id, status: 'none', sites: [] }, now);
    expect(clinicToday(db, clock).followupsDue.map((due) => due.runId)).toEqual([yesterday.id]);
    expect(getRunFollowup(db, yesterday.id, clock).judgement).toMatchObject({ light: 'amber', worstScore: 4 });

    setRunFollowup(db, followup({ runId: yesterday.id, afterScore: 5 }), clock);
    expect(clinicToday(db, clock).followupsDue).toHaveLength(1); // the morning is still to come in
    const judged = setRunFollowup(db, followup({ runId: yesterday.id, afterScore: 5, nextMorningScore: 4 }), clock);
    expect(judged.judgement).toMatchObject({ light: 'red', notSettled: true });
    expect(clinicToday(db, clock).followupsDue).toEqual([]);
    expect(clinicToday(db, clock).warnings.map((warning) => warning.kind)).toContain('not_settled');
  });

  it('refuses a next-morning score on the day of the run, and a follow-up for a run without pain, changing nothing', async () => {
    const db = await fresh();
    const today = painfulRun(db, '2026-11-26', 3);
    expect(() => setRunFollowup(db, followup({ runId: today.id, afterScore: 3, nextMorningScore: 2 }), clock)).toThrow(/next morning has not come yet/);
    const calm = addRun(db, { localDate: '2026-11-24', localTime: '07:00', timeZone: zone, distanceMetres: 5000, durationSeconds: 1600, effort: null, surface: null, shoeId: null, notes: '' }, now);
    expect(() => setRunFollowup(db, followup({ runId: calm.id, afterScore: 1 }), clock)).toThrow(/no knee pain recorded/);
    expect(countRows(db, 'run_pain_followups')).toBe(0);
  });

  it('the weekly line warns when the worst pain rises from the week before', async () => {
    const db = await fresh();
    painfulRun(db, '2026-11-17', 3);
    painfulRun(db, '2026-11-24', 5);
    const today = clinicToday(db, clock);
    expect(today.painWeek).toMatchObject({ weekStart: '2026-11-23', runs: 1, worstScore: 5, risingFromLastWeek: true });
    expect(today.warnings).toEqual([expect.objectContaining({ kind: 'rising', message: 'Worst pain rose to 5/10 from the week before.' })]);
  });

  it('a follow-up goes with its run when the run is deleted', async () => {
    const db = await fresh();
    const run = painfulRun(db, '2026-11-25', 4);
    setRunFollowup(db, followup({ runId: run.id, afterScore: 2, nextMorningScore: 1 }), clock);
    db.prepare('DELETE FROM runs WHERE id = ?').run(run.id);
    expect(countRows(db, 'run_pain_followups')).toBe(0);
  });
});

describe('the report’s figures', () => {
  it('weeks of runs, distance, glute sessions against the plan, OSTRC, onsets and warnings', async () => {
    const db = await fresh();
    setPlan(db, { effectiveFrom: '2026-10-01', kind: 'per_week', sessionsPerWeek: 3, everyNDays: null }, now);
    painfulRun(db, '2026-11-10', 3, 10_000);
    painfulRun(db, '2026-11-18', 7, 12_000);
    saveOstrcWeek(db, ostrc({ weekStart: '2026-11-16', q1: 17, q2: 17, q3: 8, q4: 17 }), clock);
    const report = clinicReport(db, { weeks: 4, locale: 'en-US' }, clock);
    // Four weeks asked for; the first run came in the second: the report starts there (issue 21), not with an empty week.
    expect(report).toMatchObject({ from: '2026-11-09', to: '2026-11-29', weeks: 3, paper: 'Letter', plan: 'Glute work 3× a week' });
    expect(report.weekRows.map((week) => [week.weekStart, week.runs, week.distanceMetres, week.gluteSessionsPlanned, week.ostrcSeverity, week.worstPainScore])).toEqual([
      ['2026-11-09', 1, 10_000, 3, null, 3],
      ['2026-11-16', 1, 12_000, 3, 59, 7],
      ['2026-11-23', 0, 0, 3, null, 0],
    ]);
    expect(report.onsets.map((onset) => [onset.localDate, onset.painOnsetMetres, onset.side, onset.worstScore])).toEqual([
      ['2026-11-10', 5000, 'left', 3],
      ['2026-11-18', 5000, 'left', 7],
    ]);
    expect(report.warnings.map((warning) => [warning.weekStart, warning.kind])).toEqual([
      ['2026-11-16', 'too_much'],
      ['2026-11-16', 'rising'],
    ]);
  });

  it('the Insights weeks carry each week’s knee-check severity beside its glute sessions', async () => {
    const db = await fresh();
    painfulRun(db, '2026-11-10', 3);
    painfulRun(db, '2026-11-18', 5);
    saveOstrcWeek(db, ostrc({ weekStart: '2026-11-16', q1: 8, q2: 0, q3: 0, q4: 8 }), clock);
    const weeks = readInsights(db, { fromDate: null, toDate: null, location: 'lateral_knee', side: 'any' }, now, zone).weeks;
    expect(weeks.map((week) => [week.weekStart, week.ostrcSeverity])).toEqual([
      ['2026-11-09', null],
      ['2026-11-16', 16],
    ]);
  });

  it('paper by locale: Letter in North America and the Philippines, A4 elsewhere or unknown', () => {
    expect(['en-US', 'en-CA', 'es-MX', 'fil-PH', 'en-GB', 'de-DE', 'en', undefined].map(paperFor)).toEqual(['Letter', 'Letter', 'Letter', 'Letter', 'A4', 'A4', 'A4', 'A4']);
  });
});

/** Every row of every table, internal ones too, by table. */
function everyRow(db: StanceDatabase): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}

describe('export, import and migration', () => {
  it('export and JSON import carry the questionnaire and the follow-ups; importing again adds nothing', async () => {
    const source = await fresh();
    await fillEveryKind(source);
    const exported = exportData(source, FILL_NOW);
    expect(exported.tables.ostrc_weeks).toHaveLength(2);
    expect(exported.tables.run_pain_followups).toEqual([expect.objectContaining({ after_score: 4, next_morning_score: 3 })]);
    const target = await fresh();
    const summary = importStanceExport(target, exported, FILL_NOW);
    expect(summary.added).toMatchObject({ ostrc_weeks: 2, run_pain_followups: 1 });
    expect(listOstrcWeeks(target).map((week) => [week.weekStart, week.severity, week.substantial])).toEqual([
      ['2026-11-01', 59, true],
      ['2026-11-08', 0, false],
    ]);
    expect(importStanceExport(target, exported, FILL_NOW).added).toMatchObject({ ostrc_weeks: 0, run_pain_followups: 0 });
  });

  it('a file whose questionnaire breaks the scoring rules is refused whole, through the one validator', async () => {
    const source = await fresh();
    await fillEveryKind(source);
    const exported = exportData(source, FILL_NOW);
    exported.tables.ostrc_weeks[1]!.q2 = 17; // "full participation without knee problems", yet question 2 answered
    const target = await fresh();
    expect(() => importStanceExport(target, exported, FILL_NOW)).toThrow(
      'Record 2 of ostrc_weeks in the file was refused: With full participation and no knee problems, questions 2 to 4 are not asked.',
    );
    exported.tables.ostrc_weeks[1]!.q2 = null;
    exported.tables.run_pain_followups[0]!.next_morning_score = 11;
    expect(() => importStanceExport(target, exported, FILL_NOW)).toThrow(/Record 1 of run_pain_followups in the file was refused: The score is from 0/);
    expect(countRows(target, 'runs')).toBe(0);
  });

  it('a database made by schema 4 (the version before) opens at the newest schema with every record intact', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const file = path.join(folder, 'stance.sqlite');
    const old = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups'), migrations: migrations.filter((m) => m.version <= 4) });
    expect(old.pragma('user_version', { simple: true })).toBe(4);
    await fillEveryKind(old);
    const before = everyRow(old);
    old.close();
    const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
    cleanups.unshift(() => db.open && db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const after = everyRow(db);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows);
    expect(after.ostrc_weeks).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(fs.readdirSync(path.join(folder, 'backups')).length).toBeGreaterThan(0);
    expect(saveOstrcWeek(db, ostrc({ weekStart: '2026-11-15', q1: 8, q2: 0, q3: 0, q4: 8 }), { now: FILL_NOW, timeZone: zone }).severity).toBe(16);
  });
});
