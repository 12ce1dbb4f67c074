import { afterEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { setPlan } from '../../src-main/db/glute-plan';
import { todaySummary } from '../../src-main/db/services/today';
import { updateSettings } from '../../src-main/db/settings';
import { openTempDatabase } from '../support/temp-db';
import { glutePlanSchema } from '../../src-main/shared/contract';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function database(): Promise<StanceDatabase> {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  return db;
}

/** A strength session on a local date, holding one exercise of the given category. */
function logSession(db: StanceDatabase, localDate: string, category: 'glute_hip' | 'core' = 'glute_hip'): void {
  const session = db
    .prepare("INSERT INTO strength_sessions (local_date, created_at, updated_at) VALUES (?, 'now', 'now')")
    .run(localDate).lastInsertRowid;
  const exercise = db.prepare('SELECT id FROM exercises WHERE category = ? LIMIT 1').get(category) as { id: number };
  db.prepare('INSERT INTO session_exercises (session_id, exercise_id, position) VALUES (?, ?, 0)').run(session, exercise.id);
}

function plan(db: StanceDatabase, effectiveFrom: string, terms: { sessionsPerWeek?: number; everyNDays?: number }) {
  const kind = terms.sessionsPerWeek ? 'per_week' : 'every_n_days';
  setPlan(db, glutePlanSchema.parse({ effectiveFrom, kind, ...terms }), new Date('2026-01-01T00:00:00Z'));
}

describe('days since the last glute session, on the runner’s own calendar', () => {
  it('counts local calendar days, not UTC days, late in the evening in New York', async () => {
    const db = await database();
    logSession(db, '2026-11-19');
    // 23:30 on Saturday 21 November in New York is already Sunday in UTC.
    const summary = todaySummary(db, new Date('2026-11-22T04:30:00Z'), 'America/New_York');
    expect(summary.today).toBe('2026-11-21');
    expect(summary.daysSinceGluteSession).toBe(2);
  });

  it('is right across the spring change to daylight saving time (a 23-hour day)', async () => {
    const db = await database();
    logSession(db, '2026-03-07');
    // US clocks went forward on Sunday 8 March 2026. 23:30 EDT on the 8th is 03:30 UTC on the 9th.
    expect(todaySummary(db, new Date('2026-03-09T03:30:00Z'), 'America/New_York')).toMatchObject({
      today: '2026-03-08',
      daysSinceGluteSession: 1,
    });
    // 00:30 EDT on the 9th: the next calendar day, an hour later.
    expect(todaySummary(db, new Date('2026-03-09T04:30:00Z'), 'America/New_York')).toMatchObject({
      today: '2026-03-09',
      daysSinceGluteSession: 2,
    });
  });

  it('is right across the autumn change back (a 25-hour day)', async () => {
    const db = await database();
    logSession(db, '2026-10-24');
    // UK clocks went back on Sunday 25 October 2026. 23:30 GMT on the 25th is 23:30 UTC.
    expect(todaySummary(db, new Date('2026-10-25T23:30:00Z'), 'Europe/London')).toMatchObject({
      today: '2026-10-25',
      daysSinceGluteSession: 1,
    });
    // 00:30 BST on the 25th was still 23:30 UTC on the 24th.
    expect(todaySummary(db, new Date('2026-10-24T23:30:00Z'), 'Europe/London')).toMatchObject({
      today: '2026-10-25',
      daysSinceGluteSession: 1,
    });
  });

  it('is right on the other side of the date line', async () => {
    const db = await database();
    logSession(db, '2026-11-20');
    // 10:00 UTC on 21 November is 23:00 in Auckland (NZDT, +13): still the 21st there.
    expect(todaySummary(db, new Date('2026-11-21T10:00:00Z'), 'Pacific/Auckland')).toMatchObject({ today: '2026-11-21', daysSinceGluteSession: 1 });
    // 11:00 UTC is midnight: the 22nd.
    expect(todaySummary(db, new Date('2026-11-21T11:00:00Z'), 'Pacific/Auckland')).toMatchObject({ today: '2026-11-22', daysSinceGluteSession: 2 });
  });

  it('does not count recovery or core-only sessions as glute work', async () => {
    const db = await database();
    logSession(db, '2026-11-10');
    logSession(db, '2026-11-20', 'core');
    db.prepare("INSERT INTO recovery_entries (local_date, kind, created_at) VALUES ('2026-11-21', 'foam_rolling', 'now')").run();
    expect(todaySummary(db, new Date('2026-11-21T12:00:00Z'), 'Europe/London').daysSinceGluteSession).toBe(11);
  });

  it('says null, not zero, before the first glute session', async () => {
    const db = await database();
    expect(todaySummary(db, new Date('2026-11-21T12:00:00Z'), 'Europe/London')).toMatchObject({
      daysSinceGluteSession: null,
      lastGluteSessionDate: null,
      plannedThisWeek: null,
      nextDue: null,
    });
  });
});

describe('this week’s glute sessions against the plan', () => {
  const saturday = new Date('2026-11-21T12:00:00Z');

  it('counts the sessions of the current week, whose first day is the runner’s setting', async () => {
    const db = await database();
    plan(db, '2026-01-01', { sessionsPerWeek: 3 });
    for (const date of ['2026-11-15', '2026-11-16', '2026-11-18']) logSession(db, date); // Sun, Mon, Wed
    expect(todaySummary(db, saturday, 'Europe/London')).toMatchObject({
      weekStart: '2026-11-16',
      weekEnd: '2026-11-22',
      gluteSessionsThisWeek: 2,
      plannedThisWeek: 3,
    });
    updateSettings(db, { weekStartsOn: 0 });
    expect(todaySummary(db, saturday, 'Europe/London')).toMatchObject({ weekStart: '2026-11-15', gluteSessionsThisWeek: 3 });
  });

  it('judges each day by the plan in force that day when the plan changes mid-week', async () => {
    const db = await database();
    plan(db, '2026-01-01', { sessionsPerWeek: 2 });
    plan(db, '2026-11-19', { sessionsPerWeek: 4 }); // from Thursday
    // Mon–Wed at 2/7 a day, Thu–Sun at 4/7 a day: 6/7 + 16/7 = 22/7 ≈ 3.1.
    const summary = todaySummary(db, saturday, 'Europe/London');
    expect(summary.plannedThisWeek).toBe(3.1);
    expect(summary.plan).toMatchObject({ effectiveFrom: '2026-11-19', sessionsPerWeek: 4 });
  });

  it('is right in a week holding the change to summer time', async () => {
    const db = await database();
    plan(db, '2026-01-01', { sessionsPerWeek: 3 });
    for (const date of ['2026-03-23', '2026-03-26', '2026-03-29']) logSession(db, date);
    // Sunday 29 March 2026, 23:30 BST (22:30 UTC): the week Mon 23 – Sun 29 March had 6 full days and one of 23 hours.
    expect(todaySummary(db, new Date('2026-03-29T22:30:00Z'), 'Europe/London')).toMatchObject({
      today: '2026-03-29',
      weekStart: '2026-03-23',
      gluteSessionsThisWeek: 3,
      plannedThisWeek: 3,
    });
  });

  it('gives when the next session is due, and how overdue it is', async () => {
    const db = await database();
    plan(db, '2026-01-01', { everyNDays: 2 });
    logSession(db, '2026-11-20');
    expect(todaySummary(db, saturday, 'Europe/London')).toMatchObject({ nextDue: '2026-11-22', daysOverdue: 0 });
    const later = todaySummary(db, new Date('2026-11-25T12:00:00Z'), 'Europe/London');
    expect(later).toMatchObject({ nextDue: '2026-11-25', daysOverdue: 3, daysSinceGluteSession: 5 });
  });
});

describe('Today never contradicts itself', () => {
  it('with this week’s planned sessions all done, the next is due next week, not "due today"', async () => {
    const db = await database();
    plan(db, '2026-01-01', { sessionsPerWeek: 3 });
    // Mon 16, Wed 18 and Fri 20 Nov 2026: three of three by Saturday; the week starts on Monday.
    for (const day of ['2026-11-16', '2026-11-18', '2026-11-20']) logSession(db, day);
    const summary = todaySummary(db, new Date('2026-11-22T12:00:00Z'), 'Europe/London'); // Sunday
    expect(summary).toMatchObject({ gluteSessionsThisWeek: 3, plannedThisWeek: 3, nextDue: '2026-11-23', daysOverdue: 0 });
  });

  it('with sessions still to do this week, the next stays due by the plan’s gap', async () => {
    const db = await database();
    plan(db, '2026-01-01', { sessionsPerWeek: 3 });
    logSession(db, '2026-11-16');
    const summary = todaySummary(db, new Date('2026-11-22T12:00:00Z'), 'Europe/London');
    expect(summary.gluteSessionsThisWeek).toBe(1);
    expect(summary.daysOverdue).toBeGreaterThan(0);
  });
});

describe('the plan history', () => {
  it('moving a plan’s start earlier moves it, and adds no duplicate row', async () => {
    const db = await database();
    plan(db, '2026-11-01', { sessionsPerWeek: 3 });
    plan(db, '2026-10-15', { sessionsPerWeek: 3 });
    expect(db.prepare('SELECT effective_from, sessions_per_week FROM glute_plans').all()).toEqual([{ effective_from: '2026-10-15', sessions_per_week: 3 }]);
  });

  it('keeps a different plan started earlier beside the later one', async () => {
    const db = await database();
    plan(db, '2026-11-01', { sessionsPerWeek: 3 });
    plan(db, '2026-10-15', { sessionsPerWeek: 2 });
    expect(db.prepare('SELECT effective_from, sessions_per_week FROM glute_plans ORDER BY effective_from').all()).toEqual([
      { effective_from: '2026-10-15', sessions_per_week: 2 },
      { effective_from: '2026-11-01', sessions_per_week: 3 },
    ]);
  });
});
