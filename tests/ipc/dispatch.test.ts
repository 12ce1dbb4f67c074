import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch, samePage } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import type { StanceDatabase } from '../../src-main/db/open';
import { countRows, openTempDatabase } from '../support/temp-db';

const APP = 'file:///opt/Stance/resources/app.asar/out/renderer/index.html';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const goodRun = { localDate: '2026-11-20', localTime: '07:30', timeZone: 'Europe/London', distanceMetres: 8000, durationSeconds: 2700 };

async function setUp() {
  const { db, file, folder, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  const faults: unknown[] = [];
  const handlers = createHandlers({
    db,
    now: () => new Date('2026-11-21T12:00:00Z'),
    timeZone: () => 'Europe/London',
    version: 'test',
    databasePath: file,
    dataFolder: folder,
    backupsFolder: path.join(folder, 'backups'),
    restoreDatabase: () => Promise.reject(new Error('no restore in these tests')),
    openFolder: async () => true,
  });
  const dispatch = createDispatch(handlers, { isTrustedPage: samePage(APP), logFault: (_c, error) => faults.push(error) });
  return { db, dispatch, faults, handlers };
}

function runCount(db: StanceDatabase) {
  return countRows(db, 'runs');
}

describe('the one door', () => {
  it('carries a valid call from our own page to the database and back', async () => {
    const { db, dispatch } = await setUp();
    const result = await dispatch('runs:add', goodRun, { url: `${APP}#runs` });
    expect(result).toMatchObject({ ok: true, value: { distanceMetres: 8000, localDate: '2026-11-20' } });
    expect(runCount(db)).toBe(1);
  });

  it.each([
    ['a foreign web page', 'https://evil.example/index.html'],
    ['another local file', 'file:///tmp/evil.html'],
    ['an unknown frame', undefined],
  ])('refuses a call from %s and writes nothing', async (_label, url) => {
    const { db, dispatch } = await setUp();
    const result = await dispatch('runs:add', goodRun, { url });
    expect(result).toEqual({ ok: false, error: { kind: 'refused', message: 'This request did not come from Stance’s own window, so it was ignored.' } });
    expect(runCount(db)).toBe(0);
  });

  it('refuses a channel that is not in the contract', async () => {
    const { dispatch } = await setUp();
    expect(await dispatch('fs:readFile', { path: '/etc/passwd' }, { url: APP })).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it.each([
    ['a negative distance', { ...goodRun, distanceMetres: -5 }, 'The distance must be more than zero.', 'distanceMetres'],
    ['a distance given as text', { ...goodRun, distanceMetres: '10' }, 'Give the distance as a number.', 'distanceMetres'],
    ['NaN for the duration', { ...goodRun, durationSeconds: Number.NaN }, 'Give the duration as h:mm:ss.', 'durationSeconds'],
    ['31 February', { ...goodRun, localDate: '2026-02-31' }, 'That is not a date on the calendar. Give it as YYYY-MM-DD.', 'localDate'],
    ['an unknown time zone', { ...goodRun, timeZone: 'Mars/Olympus_Mons' }, 'That time zone is not known. Pick one from the list, e.g. America/New_York.', 'timeZone'],
    ['an effort of 11', { ...goodRun, effort: 11 }, 'Effort is a whole number from 1 to 10.', 'effort'],
  ])('refuses %s with a message the runner can act on, and writes nothing', async (_label, payload, message, field) => {
    const { db, dispatch } = await setUp();
    const result = await dispatch('runs:add', payload, { url: APP });
    expect(result).toEqual({ ok: false, error: { kind: 'invalid', message, field } });
    expect(runCount(db)).toBe(0);
  });

  it('refuses payloads with extra keys, including __proto__', async () => {
    const { db, dispatch } = await setUp();
    const polluted = JSON.parse(`{"localDate":"2026-11-20","localTime":"07:30","timeZone":"UTC","distanceMetres":5000,"durationSeconds":1500,"__proto__":{"isAdmin":true}}`);
    expect(await dispatch('runs:add', polluted, { url: APP })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await dispatch('runs:add', { ...goodRun, source: 'gpx' }, { url: APP })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(runCount(db)).toBe(0);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses payloads that are not objects at all', async () => {
    const { dispatch } = await setUp();
    for (const payload of [null, 42, 'runs', [goodRun]]) {
      expect(await dispatch('runs:add', payload, { url: APP })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    }
  });

  it("turns Stance's own faults into a plain message, keeps going, and writes nothing", async () => {
    const { db, dispatch } = await setUp();
    db.exec("CREATE TRIGGER explode BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    const result = await dispatch('runs:add', goodRun, { url: APP });
    expect(result).toEqual({ ok: false, error: { kind: 'failed', message: 'Something went wrong inside Stance. Nothing was changed; please try again.' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    db.exec('DROP TRIGGER explode');
    expect(await dispatch('runs:add', goodRun, { url: APP })).toMatchObject({ ok: true });
  });

  it('settings round-trip and refuse unknown units', async () => {
    const { dispatch } = await setUp();
    const mainComplaint = { location: 'lateral_knee', side: 'either' };
    expect(await dispatch('settings:get', undefined, { url: APP })).toEqual({ ok: true, value: { units: 'mi', weekStartsOn: 1, theme: 'system', loadUnit: 'kg', mainComplaint } });
    expect(await dispatch('settings:update', { units: 'km' }, { url: APP })).toEqual({ ok: true, value: { units: 'km', weekStartsOn: 1, theme: 'system', loadUnit: 'kg', mainComplaint } });
    expect(await dispatch('settings:update', { mainComplaint: { location: 'front_knee', side: 'left' } }, { url: APP })).toMatchObject({
      ok: true,
      value: { mainComplaint: { location: 'front_knee', side: 'left' } },
    });
    expect(await dispatch('settings:update', { mainComplaint: { location: 'elbow', side: 'left' } }, { url: APP })).toMatchObject({
      ok: false,
      error: { message: 'The main complaint is the outside of the knee, the front of the knee, the hip or other.' },
    });
    expect(await dispatch('settings:update', { units: 'furlongs' }, { url: APP })).toMatchObject({
      ok: false,
      error: { message: 'Units are miles (mi) or kilometres (km).' },
    });
  });
});
