/**
 * Hostile IPC payloads through the real dispatcher, on every channel: wrong types, huge arrays
 * and strings, deep nesting, `__proto__`/constructor keys, NaN and Infinity, hostile backup
 * names, plus random values from fast-check. Each call is answered (never thrown), quickly; a
 * refused call writes nothing; nothing is polluted; no file outside the data folder is touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../src-main/shared/channels';
import { createDispatch, samePage, type Dispatch } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import { restoreHook } from '../../src-main/ipc/handlers-data';
import type { StanceDatabase } from '../../src-main/db/open';
import { openTempDatabase } from '../support/temp-db';
import { fillEveryKind } from '../support/fill-db';
import { dumpDatabase } from '../support/dump';
import { proofCount } from '../support/proofs';

const APP = 'file:///opt/Stance/resources/app.asar/out/renderer/index.html';
const HANG_MS = 5000;
let db: StanceDatabase;
let folder: string;
let cleanup: () => void;
let dispatch: Dispatch;
const openedFolders: string[] = [];

beforeAll(async () => {
  ({ db, folder, cleanup } = await openTempDatabase());
  await fillEveryKind(db);
  const context = {
    now: () => new Date('2026-11-21T12:00:00Z'),
    timeZone: () => 'Europe/London',
    version: 'test',
    databasePath: path.join(folder, 'stance.sqlite'),
    dataFolder: folder,
    backupsFolder: path.join(folder, 'backups'),
    openFolder: async (target: string) => {
      openedFolders.push(target);
      return true;
    },
  };
  const build = (database: StanceDatabase) =>
    createDispatch(
      createHandlers({
        ...context,
        db: database,
        restoreDatabase: restoreHook({
          current: () => db,
          databasePath: context.databasePath,
          backupsFolder: context.backupsFolder,
          now: context.now,
          swap: (fresh) => {
            if (fresh) db = fresh;
            dispatch = build(db);
          },
        }),
      }),
      { isTrustedPage: samePage(APP) },
    );
  dispatch = build(db);
});
afterAll(() => {
  if (db.open) db.close();
  cleanup();
});

const deep = (depth: number): unknown => (depth === 0 ? {} : { a: deep(depth - 1) });
const hostilePayloads: [string, unknown][] = [
  ['a number', 42],
  ['a string', 'runs'],
  ['true', true],
  ['an array', [1, 2, 3]],
  ['NaN', Number.NaN],
  ['an object of NaN and Infinity', { id: Number.NaN, localDate: Infinity, name: -Infinity, format: Number.NaN }],
  ['a huge array', Array.from({ length: 1_000_000 }, (_, k) => k)],
  ['an object with a huge array', { exercises: Array.from({ length: 100_000 }, () => ({ exerciseId: 1, sets: [] })), sites: new Array(100_000).fill({}) }],
  ['a 20 MB string', { name: 'x'.repeat(20_000_000), notes: 'x'.repeat(1000) }],
  ['deep nesting', deep(5_000)],
  ['__proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "id": 1}')],
  ['constructor.prototype', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ['prototype key', { prototype: { polluted: true } }],
  ['wrong types everywhere', { id: '1', localDate: 20261121, timeZone: null, distanceMetres: '10', bytes: 'not bytes', format: 'xml', name: 7 }],
  ['negative and fractional ids', { id: -1.5 }],
  ['a huge id', { id: 2 ** 63 }],
  ['a backup name with a path', { name: '../../etc/passwd' }],
  ['a backup name that looks right but escapes', { name: '../stance.sqlite-2026-11-21T07-30-05Z.sqlite' }],
  ['an absolute backup path', { name: '/tmp/daily-2026-11-21T07-30-05Z.sqlite' }],
  ['a backup that does not exist', { name: 'daily-2026-11-21T07-30-05Z.sqlite' }],
  ['an export file of garbage', { fileName: 'x.json', bytes: new Uint8Array([0xff, 0xfe, 0, 1, 2]) }],
  ['an export file that is another JSON', { fileName: 'x.json', bytes: new TextEncoder().encode('{"format":"stance-export","formatVersion":1,"schemaVersion":1,"tables":{"runs":[{"id":1,"__proto__":{"x":1}}]}}') }],
  ['bytes as a plain array', { fileName: 'x.gpx', bytes: [60, 103, 112, 120], timeZone: 'UTC' }],
  ['an exports folder that is not one', { folder: '/etc' }],
  ['a Date', new Date()],
  ['a Map', new Map([['id', 1]])],
  ['a typed array', new Float64Array(10)],
  ['undefined fields', { id: undefined, name: undefined }],
];

async function call(channel: string, payload: unknown): Promise<{ ok: boolean }> {
  const started = performance.now();
  const result = await dispatch(channel, payload, { url: APP });
  expect(performance.now() - started, `${channel} took too long`).toBeLessThan(HANG_MS);
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(typeof result.error.message).toBe('string');
    expect(result.error.message.length).toBeLessThan(1000);
  }
  return result;
}

describe('hostile payloads on every channel', () => {
  it(`${channelNames.length} channels × ${hostilePayloads.length} hostile payloads: answered, refused ones write nothing`, async () => {
    let refused = 0;
    for (const channel of channelNames) {
      for (const [label, payload] of hostilePayloads) {
        const before = dumpDatabase(db);
        const result = await call(channel, payload);
        if (!result.ok) {
          refused += 1;
          expect(dumpDatabase(db), `${channel} with ${label} was refused but changed the database`).toBe(before);
        }
      }
    }
    expect(refused).toBeGreaterThan(channelNames.length * hostilePayloads.length * 0.8);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // Only the app's own folders were ever shown, and no restore happened.
    for (const opened of openedFolders) expect(opened.startsWith(folder)).toBe(true);
    expect(fs.readdirSync(path.join(folder, 'backups')).filter((name) => name.startsWith('before-restore'))).toEqual([]);
  }, 300_000);

  it('random values from fast-check on every channel are answered, and refused ones write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channelNames), fc.anything({ withNullPrototype: true, withTypedArray: true, withSparseArray: true, withDate: true, withMap: true, withSet: true, withBigInt: true, maxDepth: 4 }), async (channel, payload) => {
        const before = dumpDatabase(db);
        const result = await call(channel, payload);
        if (!result.ok) expect(dumpDatabase(db)).toBe(before);
      }),
      { numRuns: proofCount(400, 5000), seed: 99 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 600_000);
});
