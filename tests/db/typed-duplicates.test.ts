/**
 * Typed duplicates are refused by main (issue 23), through the file import's one rule for runs
 * (within 2 minutes, distance within 3%) and the JSON import's content key for sessions, unless
 * the input says to save anyway.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { addRun } from '../../src-main/db/runs';
import { addStrengthSession } from '../../src-main/db/strength';
import { runDraftSchema } from '../../src-main/shared/contract';
import { strengthSessionDraftSchema } from '../../src-main/shared/contract-strength';
import { METRES_PER_MILE } from '../../src-main/shared/units';
import { countRows, openTempDatabase } from '../support/temp-db';

const NOW = new Date('2024-12-06T12:00:00Z');
let db: StanceDatabase;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

const run = (fields: { localTime?: string; miles?: number } = {}) =>
  runDraftSchema.parse({ localDate: '2024-12-04', localTime: fields.localTime ?? '07:00', timeZone: 'Europe/London', distanceMetres: (fields.miles ?? 5) * METRES_PER_MILE, durationSeconds: 2700 });

describe('a run typed twice', () => {
  it('is refused in the runner’s units, and saved when the input says save anyway', () => {
    addRun(db, run(), NOW);
    expect(() => addRun(db, run({ localTime: '07:01', miles: 5.1 }), NOW)).toThrow(expect.objectContaining({ kind: 'duplicate', message: 'You already logged a 5.0 mi run at 07:00 on Wed 4 Dec.' }));
    expect(countRows(db, 'runs')).toBe(1);
    addRun(db, { ...run(), saveAnyway: true }, NOW);
    expect(countRows(db, 'runs')).toBe(2);
  });

  it('is not a duplicate 3 minutes apart or with 4% more distance', () => {
    addRun(db, run(), NOW);
    addRun(db, run({ localTime: '07:03' }), NOW);
    addRun(db, run({ miles: 5.2 }), NOW);
    expect(countRows(db, 'runs')).toBe(3);
  });
});

describe('a strength session typed twice', () => {
  it('with the same date and content is refused; another set or another date is not', () => {
    const exercise = (db.prepare("SELECT id FROM exercises WHERE category = 'glute_hip' LIMIT 1").get() as { id: number }).id;
    const session = (localDate: string, reps: number) => strengthSessionDraftSchema.parse({ localDate, exercises: [{ exerciseId: exercise, sets: [{ setNumber: 1, amount: reps }] }] });
    addStrengthSession(db, session('2024-12-04', 20), NOW, 'Europe/London');
    expect(() => addStrengthSession(db, session('2024-12-04', 20), NOW, 'Europe/London')).toThrow(
      expect.objectContaining({ kind: 'duplicate', message: 'You already logged this session on Wed 4 Dec: the same exercises and sets.' }),
    );
    expect(countRows(db, 'strength_sessions')).toBe(1);
    expect(countRows(db, 'session_exercises')).toBe(1); // the refused one left nothing behind
    addStrengthSession(db, session('2024-12-04', 25), NOW, 'Europe/London');
    addStrengthSession(db, session('2024-12-05', 20), NOW, 'Europe/London');
    addStrengthSession(db, { ...session('2024-12-04', 20), saveAnyway: true }, NOW, 'Europe/London');
    expect(countRows(db, 'strength_sessions')).toBe(4);
  });
});
