import { afterEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { addCheckin, deleteCheckin, getRunPain, listCheckins, painOverview, setRunPain, updateCheckin } from '../../src-main/db/pain';
import { addRun, deleteRun, updateRun } from '../../src-main/db/runs';
import { updateSettings } from '../../src-main/db/settings';
import { runDraftSchema } from '../../src-main/shared/contract';
import {
  checkinDraftSchema,
  checkinUpdateSchema,
  PAIN_SCORE_MESSAGE,
  painOverviewQuerySchema,
  runPainSchema,
  type CheckinDraft,
  type PainSiteDraft,
  type RunPainDraft,
} from '../../src-main/shared/contract-pain';
import { StanceError } from '../../src-main/shared/errors';
import { METRES_PER_MILE } from '../../src-main/shared/units';
import { countRows, openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const now = new Date('2026-11-21T12:00:00Z');
const clock = { now, timeZone: 'Europe/London' };

async function database(): Promise<StanceDatabase> {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  return db;
}

function logRun(db: StanceDatabase, miles: number, localDate = '2026-11-20', localTime = '07:30') {
  return addRun(
    db,
    runDraftSchema.parse({ localDate, localTime, timeZone: 'Europe/London', distanceMetres: miles * METRES_PER_MILE, durationSeconds: miles * 540 }),
    now,
  );
}

const leftKnee: PainSiteDraft = { painOnsetMetres: 4 * METRES_PER_MILE, location: 'lateral_knee', side: 'left', worstScore: 6, action: 'walked' };
const rightHip: PainSiteDraft = { painOnsetMetres: 6 * METRES_PER_MILE, location: 'hip', side: 'right', worstScore: 3, action: 'kept_going', notes: 'on the hill' };

function setPain(db: StanceDatabase, record: RunPainDraft) {
  return setRunPain(db, runPainSchema.parse(record), now);
}

/** Everything the database holds about pain, to show a refusal changed nothing. */
function painSnapshot(db: StanceDatabase) {
  return {
    runs: db.prepare('SELECT id, pain_status, updated_at FROM runs ORDER BY id').all(),
    sites: db.prepare('SELECT * FROM run_pain ORDER BY id').all(),
  };
}

describe('pain during a run', () => {
  it('starts unrecorded: neither "no pain" nor an onset', async () => {
    const db = await database();
    const run = logRun(db, 6.2);
    expect(getRunPain(db, run.id)).toEqual({ runId: run.id, status: 'unrecorded', sites: [], cutShort: false, lastUsedSide: null });
  });

  it('records "no pain" as a status with no sites, distinct from unrecorded, and can go back to unrecorded', async () => {
    const db = await database();
    const run = logRun(db, 6.2);
    expect(setPain(db, { runId: run.id, status: 'none' })).toMatchObject({ status: 'none', sites: [] });
    expect(db.prepare('SELECT pain_status FROM runs').get()).toEqual({ pain_status: 'none' });
    expect(countRows(db, 'run_pain')).toBe(0);

    expect(setPain(db, { runId: run.id, status: 'unrecorded' })).toMatchObject({ status: 'unrecorded', sites: [] });
    expect(db.prepare('SELECT pain_status FROM runs').get()).toEqual({ pain_status: 'unrecorded' });
  });

  it('records more than one site, earliest onset first, in metres', async () => {
    const db = await database();
    const run = logRun(db, 8);
    const pain = setPain(db, { runId: run.id, status: 'pain', sites: [rightHip, leftKnee] });
    expect(pain.status).toBe('pain');
    expect(pain.sites.map(({ id: _id, ...site }) => site)).toEqual([
      { ...leftKnee, notes: '', presentAtStart: false },
      { ...rightHip, painOnsetMetres: 6 * METRES_PER_MILE, presentAtStart: false },
    ]);
    expect(countRows(db, 'run_pain')).toBe(2);
  });

  it('replaces the whole record: old sites go when new ones or "no pain" are saved', async () => {
    const db = await database();
    const run = logRun(db, 8);
    setPain(db, { runId: run.id, status: 'pain', sites: [leftKnee, rightHip] });
    const edited = setPain(db, { runId: run.id, status: 'pain', sites: [{ ...leftKnee, worstScore: 4 }] });
    expect(edited.sites).toHaveLength(1);
    expect(edited.sites[0]).toMatchObject({ side: 'left', worstScore: 4 });
    expect(countRows(db, 'run_pain')).toBe(1);

    expect(setPain(db, { runId: run.id, status: 'none' })).toMatchObject({ status: 'none', sites: [] });
    expect(countRows(db, 'run_pain')).toBe(0);
  });

  it('replaces status and sites in one transaction: a failure halfway leaves the old record whole', async () => {
    const db = await database();
    const run = logRun(db, 8);
    setPain(db, { runId: run.id, status: 'pain', sites: [leftKnee] });
    const before = painSnapshot(db);
    // Past the schema's own check, the second site's notes break the table's CHECK after the first row is in.
    const tooLong = { ...rightHip, notes: 'x'.repeat(3000) };
    const record = { runId: run.id, status: 'pain' as const, sites: [{ ...leftKnee, notes: '' }, tooLong] };
    expect(() => setRunPain(db, record, new Date('2026-11-22T09:00:00Z'))).toThrow();
    expect(painSnapshot(db)).toEqual(before);
  });

  it('refuses an onset beyond the run, in miles, and writes nothing', async () => {
    const db = await database();
    const run = logRun(db, 6.2);
    setPain(db, { runId: run.id, status: 'none' });
    const before = painSnapshot(db);
    const beyond = { runId: run.id, status: 'pain' as const, sites: [{ ...leftKnee, painOnsetMetres: 7 * METRES_PER_MILE }] };
    expect(() => setPain(db, beyond)).toThrow(
      new StanceError('invalid', 'The pain started at 7.00 mi, but this run was 6.20 mi. Give a distance within the run.', 'sites.0.painOnsetMetres'),
    );
    expect(painSnapshot(db)).toEqual(before);
  });

  it('refuses an onset beyond the run in kilometres when the runner uses km', async () => {
    const db = await database();
    updateSettings(db, { units: 'km' });
    const run = addRun(db, runDraftSchema.parse({ localDate: '2026-11-20', localTime: '07:30', timeZone: 'UTC', distanceMetres: 10_000, durationSeconds: 3000 }), now);
    const before = painSnapshot(db);
    expect(() => setPain(db, { runId: run.id, status: 'pain', sites: [{ ...leftKnee, painOnsetMetres: 12_500 }] })).toThrow(
      'The pain started at 12.50 km, but this run was 10.00 km. Give a distance within the run.',
    );
    expect(painSnapshot(db)).toEqual(before);
  });

  it('takes an onset typed as the run’s distance rounded as shown (6.20 mi for 6.199 mi) as the end of the run', async () => {
    const db = await database();
    const run = logRun(db, 6.199);
    const pain = setPain(db, { runId: run.id, status: 'pain', sites: [{ ...leftKnee, painOnsetMetres: 6.2 * METRES_PER_MILE }] });
    expect(pain.sites[0]?.painOnsetMetres).toBeCloseTo(run.distanceMetres, 9);
  });

  it('refuses only the second of two sites, naming it, and writes neither', async () => {
    const db = await database();
    const run = logRun(db, 5);
    const record = runPainSchema.parse({ runId: run.id, status: 'pain', sites: [leftKnee, rightHip] });
    expect(() => setRunPain(db, record, now)).toThrow(expect.objectContaining({ field: 'sites.1.painOnsetMetres' }));
    expect(countRows(db, 'run_pain')).toBe(0);
    expect(getRunPain(db, run.id).status).toBe('unrecorded');
  });

  it('refuses an unknown run and writes nothing', async () => {
    const db = await database();
    expect(() => setPain(db, { runId: 99, status: 'none' })).toThrow('That run no longer exists.');
    expect(() => getRunPain(db, 99)).toThrow('That run no longer exists.');
    expect(countRows(db, 'run_pain')).toBe(0);
  });

  it('suggests the side of the latest pain on another run', async () => {
    const db = await database();
    const older = logRun(db, 6, '2026-11-10');
    const newer = logRun(db, 6, '2026-11-15');
    const today = logRun(db, 6, '2026-11-20');
    setPain(db, { runId: older.id, status: 'pain', sites: [{ ...leftKnee, side: 'right' }] });
    setPain(db, { runId: newer.id, status: 'pain', sites: [leftKnee] });
    expect(getRunPain(db, today.id).lastUsedSide).toBe('left');
    expect(getRunPain(db, newer.id).lastUsedSide).toBe('right');
  });

  it('goes with its run when the run is deleted, and keeps a shortened run from cutting off its onset', async () => {
    const db = await database();
    const run = logRun(db, 8);
    setPain(db, { runId: run.id, status: 'pain', sites: [rightHip] });
    const shorter = runDraftSchema.parse({ localDate: run.localDate, localTime: run.localTime, timeZone: run.timeZone, distanceMetres: 5 * METRES_PER_MILE, durationSeconds: 2700 });
    expect(() => updateRun(db, { id: run.id, ...shorter }, now)).toThrow(StanceError);
    deleteRun(db, run.id);
    expect(countRows(db, 'run_pain')).toBe(0);
  });
});

describe('the input schema', () => {
  const runId = 1;
  const message = (record: unknown) => runPainSchema.safeParse(record).error?.issues[0]?.message;

  it('refuses a score of 11 in words', () => {
    expect(message({ runId, status: 'pain', sites: [{ ...leftKnee, worstScore: 11 }] })).toBe(PAIN_SCORE_MESSAGE);
    expect(PAIN_SCORE_MESSAGE).toBe('The score is from 0 (no pain) to 10 (the worst pain imaginable).');
  });

  it('wants sites exactly when there was pain', () => {
    expect(message({ runId, status: 'pain', sites: [] })).toMatch(/Say where it hurt/);
    expect(message({ runId, status: 'none', sites: [leftKnee] })).toMatch(/has no places that hurt/);
    expect(message({ runId, status: 'none' })).toBeUndefined();
  });

  it('refuses unknown fields, sides and negative onsets', () => {
    expect(runPainSchema.safeParse({ runId, status: 'none', mood: 'good' }).success).toBe(false);
    expect(message({ runId, status: 'pain', sites: [{ ...leftKnee, side: 'middle' }] })).toBe('Say which side hurt: left, right or both.');
    expect(message({ runId, status: 'pain', sites: [{ ...leftKnee, painOnsetMetres: -1 }] })).toMatch(/cannot start before the run/);
  });
});

describe('the Pain page overview', () => {
  it('lists runs waiting for a pain note, newest first, and the latest with one, with their sites', async () => {
    const db = await database();
    const first = logRun(db, 5, '2026-11-01');
    const second = logRun(db, 6, '2026-11-05');
    const third = logRun(db, 7, '2026-11-09');
    const fourth = logRun(db, 4, '2026-11-12');
    setPain(db, { runId: first.id, status: 'none' });
    setPain(db, { runId: third.id, status: 'pain', sites: [leftKnee] });

    const overview = painOverview(db, painOverviewQuerySchema.parse({ limit: 1 }));
    expect(overview.runCount).toBe(4);
    expect(overview.waitingCount).toBe(2);
    expect(overview.waiting.map((run) => run.localDate)).toEqual(['2026-11-12']);
    expect(overview.recorded.map(({ run, sites }) => [run.id, sites.length])).toEqual([[third.id, 1]]);

    const all = painOverview(db, painOverviewQuerySchema.parse(undefined));
    expect(all.waiting.map((run) => run.id)).toEqual([fourth.id, second.id]);
    expect(all.recorded.map(({ run }) => run.painStatus)).toEqual(['pain', 'none']);
  });
});

describe('daily check-ins', () => {
  const draft = (overrides: Partial<CheckinDraft> = {}) => checkinDraftSchema.parse({ localDate: '2026-11-20', leftScore: 3, ...overrides });

  it('adds, lists newest first, edits and deletes', async () => {
    const db = await database();
    const morning = addCheckin(db, draft({ context: 'morning', rightScore: 1, notes: 'stiff' }), clock);
    expect(morning).toMatchObject({ localDate: '2026-11-20', context: 'morning', leftScore: 3, rightScore: 1, notes: 'stiff', createdAt: '2026-11-21T12:00:00Z' });
    const stairs = addCheckin(db, draft({ localDate: '2026-11-21', context: 'stairs', leftScore: null, rightScore: 5 }), clock);
    expect(listCheckins(db, {}).map((checkin) => checkin.id)).toEqual([stairs.id, morning.id]);
    expect(listCheckins(db, { toDate: '2026-11-20' }).map((checkin) => checkin.id)).toEqual([morning.id]);

    const edited = updateCheckin(db, checkinUpdateSchema.parse({ id: morning.id, localDate: '2026-11-19', leftScore: 2, context: 'walking' }), clock);
    expect(edited).toMatchObject({ id: morning.id, localDate: '2026-11-19', context: 'walking', leftScore: 2, rightScore: null, notes: '' });

    expect(deleteCheckin(db, stairs.id)).toEqual({ deleted: stairs.id });
    expect(listCheckins(db, {}).map((checkin) => checkin.id)).toEqual([morning.id]);
    expect(() => deleteCheckin(db, stairs.id)).toThrow('That check-in no longer exists.');
    expect(() => updateCheckin(db, checkinUpdateSchema.parse({ id: stairs.id, localDate: '2026-11-19', leftScore: 2 }), clock)).toThrow(
      'That check-in no longer exists.',
    );
  });

  it('accepts tomorrow on the runner’s calendar (a zone ahead) but refuses the far future, writing nothing', async () => {
    const db = await database();
    // 23:30 on 21 November in London is already 22 November in Auckland.
    const lateEvening = { now: new Date('2026-11-21T23:30:00Z'), timeZone: 'Europe/London' };
    expect(addCheckin(db, draft({ localDate: '2026-11-22' }), lateEvening).localDate).toBe('2026-11-22');
    const existing = listCheckins(db, {});
    expect(() => addCheckin(db, draft({ localDate: '2026-11-23' }), lateEvening)).toThrow(
      new StanceError('invalid', 'That date is in the future. A check-in is for today or a day before.', 'localDate'),
    );
    expect(() => addCheckin(db, draft({ localDate: '2031-01-01' }), clock)).toThrow('That date is in the future.');
    expect(() => updateCheckin(db, checkinUpdateSchema.parse({ id: existing[0]!.id, localDate: '2031-01-01', leftScore: 1 }), clock)).toThrow(
      'That date is in the future.',
    );
    expect(listCheckins(db, {})).toEqual(existing);
  });

  it('judges "tomorrow" by the runner’s zone, not UTC', async () => {
    const db = await database();
    // 10:00 UTC on 21 November is already 22 November, 00:00 in Kiritimati (UTC+14): 23 November is tomorrow there.
    const kiritimati = { now: new Date('2026-11-21T10:00:00Z'), timeZone: 'Pacific/Kiritimati' };
    expect(addCheckin(db, draft({ localDate: '2026-11-23' }), kiritimati).localDate).toBe('2026-11-23');
    expect(() => addCheckin(db, draft({ localDate: '2026-11-23' }), clock)).toThrow('That date is in the future.');
  });

  it('wants a 0–10 score for at least one side', () => {
    const issue = (input: unknown) => checkinDraftSchema.safeParse(input).error?.issues[0];
    expect(issue({ localDate: '2026-11-20', leftScore: 11 })?.message).toBe(PAIN_SCORE_MESSAGE);
    expect(issue({ localDate: '2026-11-20', rightScore: 2.5 })?.message).toBe(PAIN_SCORE_MESSAGE);
    expect(issue({ localDate: '2026-11-20' })).toMatchObject({ message: 'Give a score for the left knee, the right knee, or both.', path: ['leftScore'] });
    expect(issue({ localDate: '2026-02-30', leftScore: 1 })?.message).toMatch(/not a date on the calendar/);
    expect(issue({ localDate: '2026-11-20', leftScore: 1, context: 'cycling' })?.message).toMatch(/Pick when it hurt/);
  });
});

describe('runs left "not recorded"', () => {
  it('stop waiting once the runner says so, are counted, and wait no more after a restart of the list', async () => {
    const db = await database();
    const runs = Array.from({ length: 11 }, (_, index) => logRun(db, 5, `2026-11-${String(index + 1).padStart(2, '0')}`));
    setPain(db, { runId: runs[2]!.id, status: 'unrecorded' });
    const overview = painOverview(db, painOverviewQuerySchema.parse({ limit: 8 }));
    expect(overview.waitingCount).toBe(10);
    expect(overview.notRecordedCount).toBe(1);
    expect(overview.waiting.map((run) => run.localDate)).not.toContain('2026-11-03');
    // Still unrecorded for the Insights: left out, never a pain-free run.
    expect(getRunPain(db, runs[2]!.id).status).toBe('unrecorded');
  });

  it('pages through every waiting run, newest first, with no run twice or missed', async () => {
    const db = await database();
    Array.from({ length: 19 }, (_, index) => logRun(db, 5, `2026-10-${String(index + 1).padStart(2, '0')}`));
    const seen: string[] = [];
    for (let offset = 0; offset < 19; offset += 8) {
      const page = painOverview(db, painOverviewQuerySchema.parse({ limit: 8, waitingOffset: offset }));
      expect(page.waitingOffset).toBe(offset);
      seen.push(...page.waiting.map((run) => run.localDate));
    }
    expect(seen).toEqual(Array.from({ length: 19 }, (_, index) => `2026-10-${String(19 - index).padStart(2, '0')}`));
  });

  it('go back to being answered when their pain is recorded', async () => {
    const db = await database();
    const run = logRun(db, 5);
    setPain(db, { runId: run.id, status: 'unrecorded' });
    setPain(db, { runId: run.id, status: 'none' });
    expect(db.prepare('SELECT pain_not_recorded FROM runs WHERE id = ?').get(run.id)).toEqual({ pain_not_recorded: 0 });
  });
});

describe('the same check-in twice', () => {
  it('is refused with a message, not kept as two rows', async () => {
    const db = await database();
    const checkin = checkinDraftSchema.parse({ localDate: '2026-11-20', context: 'stairs', leftScore: 3, notes: 'work stairs' });
    addCheckin(db, checkin, clock);
    expect(() => addCheckin(db, checkin, clock)).toThrow(StanceError);
    expect(() => addCheckin(db, checkin, clock)).toThrow('You already saved this same check-in for that day');
    expect(countRows(db, 'pain_checkins')).toBe(1);
    // A different score the same day is a new check-in.
    addCheckin(db, { ...checkin, leftScore: 4 }, clock);
    expect(countRows(db, 'pain_checkins')).toBe(2);
  });
});
