/**
 * Hostile and mangled GPX: files made by mutating the corpus (truncations, flipped bytes,
 * swapped tags, huge numbers, NaN, far-future dates, times backwards, garbage) and the classic
 * XML attacks, each imported through the real importer (and a sample through the real
 * dispatcher). For every file: no crash (an outcome, never a throw), no hang (each within a few
 * seconds), no file opened or read (fs spied; a secret in a file an external entity names never
 * shows up anywhere), zero rows written when refused, and sane values when imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importThroughDispatch } from '../support/import-channels';
import { importGpxFile } from '../../src-main/import/importer';
import { createDispatch, samePage } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import type { StanceDatabase } from '../../src-main/db/open';
import { openTempDatabase, tempFolder } from '../support/temp-db';
import { proofCount } from '../support/proofs';
import { gpxText } from '../support/gpx-text';

const corpusFolder = path.resolve(__dirname, '../../../shared/gpx-corpus');
const MUTANTS = proofCount(1000, 5000);
const HANG_MS = 5000;
const now = new Date('2026-11-21T12:00:00Z');

const secretFolder = tempFolder('stance-secret-');
const SECRET = `stance-secret-${process.pid}-7f3a9c`;
const secretFile = path.join(secretFolder.folder, 'marker.txt');
fs.writeFileSync(secretFile, SECRET);
const secretUrl = `file://${secretFile}`;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus: { name: string; bytes: Buffer }[] = [
  ...fs
    .readdirSync(corpusFolder)
    .filter((name) => name.endsWith('.gpx'))
    .sort()
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(corpusFolder, name)) })),
  { name: 'generated.gpx', bytes: Buffer.from(gpxText({ seconds: 600, withCadence: true })) },
];

type Mutation = (text: string, bytes: Buffer, next: () => number) => string | Buffer;
const pick = <T>(list: readonly T[], next: () => number): T => list[Math.floor(next() * list.length)]!;
const hugeNumbers = ['1e308', '-1e308', '9e999', '1e-400', '99999999999999999999999999', '-0', '0x1F', '1,5', '١٢٣', ''];
const notNumbers = ['NaN', 'nan', 'Infinity', '-Infinity', 'null', 'undefined', ' ', '--1', '1e', '.'];
const futureTimes = ['9999-12-31T23:59:59Z', '275760-09-13T00:00:00Z', '10000-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2024-02-30T25:61:61Z', 'not a time'];

const mutations: Record<string, Mutation> = {
  truncate: (_text, bytes, next) => bytes.subarray(0, Math.floor(next() * bytes.length)),
  'flip bytes': (_text, bytes, next) => {
    const copy = Buffer.from(bytes);
    const flips = 1 + Math.floor(next() * 20);
    for (let k = 0; k < flips; k += 1) { const at = Math.floor(next() * copy.length); copy[at] = copy[at]! ^ (1 << Math.floor(next() * 8)); }
    return copy;
  },
  'swap tags': (text, _bytes, next) => {
    const names = [...new Set([...text.matchAll(/<([A-Za-z][\w:.-]*)/g)].map((match) => match[1]!))];
    if (names.length < 2) return text;
    const a = pick(names, next);
    const b = pick(names, next);
    return text.replace(new RegExp(`(</?)(${a}|${b})(?=[\\s>/])`, 'g'), (_m, open: string, name: string) => `${open}${name === a ? b : a}`);
  },
  'huge numbers': (text, _bytes, next) => text.replace(/(lat|lon)="[^"]*"|<ele>[^<]*<\/ele>/g, (match) => (next() < 0.3 ? match.replace(/-?\d+(\.\d+)?/, pick(hugeNumbers, next)) : match)),
  NaN: (text, _bytes, next) => text.replace(/(lat|lon)="[^"]*"|<ele>[^<]*<\/ele>|<time>[^<]*<\/time>|<gpxtpx:hr>[^<]*</g, (match) => (next() < 0.3 ? match.replace(/(["> ])[^"<]*(["<])/, `$1${pick(notNumbers, next)}$2`) : match)),
  'far-future dates': (text, _bytes, next) => text.replace(/<time>[^<]*<\/time>/g, (match) => (next() < 0.2 ? `<time>${pick(futureTimes, next)}</time>` : match)),
  'times backwards': (text) => {
    const times = [...text.matchAll(/<time>([^<]*)<\/time>/g)].map((match) => match[1]!).reverse();
    let k = 0;
    return text.replace(/<time>[^<]*<\/time>/g, () => `<time>${times[k++]}</time>`);
  },
  'drop closing tags': (text, _bytes, next) => text.replace(/<\/(trkpt|trkseg|trk|gpx)>/g, (match) => (next() < 0.1 ? '' : match)),
  garbage: (_text, bytes, next) => {
    const at = Math.floor(next() * bytes.length);
    const junk = Buffer.from(pick(['\u0000', '\uFFFF', '<<<<', ']]>', '&#0;', '&#xD800;', '<!--', '<![CDATA[', '\xff\xfe', '<?xml version="1.0"?>', '&amp', '</gpx>'], next), 'utf8');
    return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
  },
  'repeat a piece': (_text, bytes, next) => {
    const start = Math.floor(next() * bytes.length);
    const piece = bytes.subarray(start, start + Math.floor(next() * 2000));
    return Buffer.concat([bytes.subarray(0, start), piece, piece, piece, bytes.subarray(start)]);
  },
};

const classicAttacks: Record<string, string | Buffer> = {
  'billion laughs': `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY lol0 "lol">${Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k};`.repeat(10)}">`).join('')}]><gpx><trk><name>&lol9;</name></trk></gpx>`,
  'quadratic blowup': `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "${'a'.repeat(50_000)}">]><gpx><trk><name>${'&a;'.repeat(20_000)}</name></trk></gpx>`,
  'external entity': `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY secret SYSTEM "${secretUrl}">]><gpx><trk><name>&secret;</name><trkseg><trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat="1.01" lon="1"><time>2024-01-01T00:05:00Z</time></trkpt></trkseg></trk></gpx>`,
  'external parameter entity': `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY % remote SYSTEM "${secretUrl}"> %remote;]><gpx/>`,
  'external DTD': `<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "${secretUrl}"><gpx/>`,
  'undeclared entity': `<gpx><trk><name>&secret;</name></trk></gpx>`,
  XInclude: `<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:xi="http://www.w3.org/2001/XInclude"><trk><name><xi:include href="${secretUrl}" parse="text"/></name><trkseg><trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat="1.01" lon="1"><time>2024-01-01T00:05:00Z</time></trkpt></trkseg></trk></gpx>`,
  'stylesheet instruction': `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="${secretUrl}"?><gpx/>`,
  'schema location': `<gpx xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 ${secretUrl}"><trk><trkseg><trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat="1.01" lon="1"><time>2024-01-01T00:05:00Z</time></trkpt></trkseg></trk></gpx>`,
  'deep nesting': `<gpx>${'<trk>'.repeat(200_000)}${'</trk>'.repeat(200_000)}</gpx>`,
  'enormous attribute': `<gpx><trk><trkseg><trkpt lat="${'9'.repeat(10_000_000)}" lon="1"/></trkseg></trk></gpx>`,
  'enormous name': `<gpx><trk><name>${'n'.repeat(5_000_000)}</name></trk></gpx>`,
  'enormous element name': `<gpx><${'x'.repeat(1_000_000)}/></gpx>`,
  'a million attributes': `<gpx><trk${Array.from({ length: 200_000 }, (_, k) => ` a${k}="1"`).join('')}/></gpx>`,
  'unclosed comment': `<gpx><!--${'-'.repeat(1_000_000)}`,
  'UTF-16 with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<gpx/>', 'utf16le')]),
  'UTF-7 declaration': `<?xml version="1.0" encoding="UTF-7"?>+ADw-gpx+AD4-`,
  'markup in a name (CDATA)': `<gpx><trk><name><![CDATA[<img src=x onerror=alert(1)>]]></name><trkseg><trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt><trkpt lat="1.01" lon="1"><time>2024-01-01T00:05:00Z</time></trkpt></trkseg></trk></gpx>`,
  'null bytes': `<gpx>\u0000<trk>\u0000</trk></gpx>`,
};

const fsCalls: string[] = [];
const watched = ['openSync', 'readFileSync', 'readSync', 'createReadStream', 'open', 'readFile', 'opendirSync', 'readdirSync'] as const;
let db: StanceDatabase;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterAll(() => {
  cleanup();
  secretFolder.cleanup();
});

function spyOnFiles(): () => void {
  const spies = [
    ...watched.map((name) => vi.spyOn(fs, name as 'openSync').mockImplementation(((...args: unknown[]) => {
      fsCalls.push(`fs.${name}(${String(args[0])})`);
      throw new Error(`the GPX importer must not touch files (fs.${name})`);
    }) as never)),
    vi.spyOn(fs.promises, 'open').mockImplementation((async (file: unknown) => {
      fsCalls.push(`fs.promises.open(${String(file)})`);
      throw new Error('no');
    }) as never),
    vi.spyOn(fs.promises, 'readFile').mockImplementation((async (file: unknown) => {
      fsCalls.push(`fs.promises.readFile(${String(file)})`);
      throw new Error('no');
    }) as never),
  ];
  return () => spies.forEach((spy) => spy.mockRestore());
}

const totalChanges = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

async function importHostile(name: string, bytes: Buffer): Promise<{ status: string; reason?: string }> {
  const changesBefore = totalChanges();
  const started = performance.now();
  const restore = spyOnFiles();
  let outcome;
  try {
    outcome = await importGpxFile(db, { fileName: name, source: bytes, timeZone: 'UTC' }, now);
  } catch (error) {
    // Even a failure inside the importer must leave nothing behind.
    expect(totalChanges(), `${name} failed and wrote rows`).toBe(changesBefore);
    throw error;
  } finally {
    restore();
  }
  const took = performance.now() - started;
  expect(took, `${name} took ${Math.round(took)} ms`).toBeLessThan(HANG_MS);
  expect(['imported', 'duplicate', 'refused']).toContain(outcome.status);
  if (outcome.status === 'refused') {
    expect(totalChanges(), `${name} was refused but wrote rows`).toBe(changesBefore);
    expect(outcome.reason.length).toBeGreaterThan(10);
    expect(outcome.reason).not.toContain(SECRET);
  }
  if (outcome.status === 'imported') {
    const run = db.prepare('SELECT distance_m, duration_s, started_at, local_date FROM runs WHERE id = ?').get(outcome.runId) as Record<string, number | string>;
    expect(Number.isFinite(run.distance_m)).toBe(true);
    expect(Number.isFinite(run.duration_s)).toBe(true);
    expect(String(run.started_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    db.prepare('DELETE FROM runs WHERE id = ?').run(outcome.runId); // keep later mutants from being "duplicates"
  }
  return outcome;
}

describe('hostile and mangled GPX', () => {
  it(`${MUTANTS} files mutated from the corpus: no crash, no hang, no file touched, nothing written when refused`, async () => {
    const next = random(4242);
    const kinds = Object.keys(mutations);
    const tally: Record<string, Record<string, number>> = {};
    const crashes: string[] = [];
    for (let k = 0; k < MUTANTS; k += 1) {
      const source = corpus[k % corpus.length]!;
      const kind = kinds[Math.floor(k / corpus.length) % kinds.length]!;
      const mutated = mutations[kind]!(source.bytes.toString('latin1'), source.bytes, next);
      const bytes = typeof mutated === 'string' ? Buffer.from(mutated, 'latin1') : mutated;
      let status: string;
      try {
        status = (await importHostile(`${kind} of ${source.name}`, bytes)).status;
      } catch (error) {
        status = 'crashed';
        crashes.push(`mutant ${k} (${kind} of ${source.name}): ${(error as Error).message.split('\n')[0]}`);
      }
      (tally[kind] ??= {})[status] = (tally[kind]![status] ?? 0) + 1;
    }
    // Every mutant is imported or refused in words: none may reach a database constraint
    // (found by this test: files whose times span over ten days did, until the importer refused them).
    expect(crashes, `mutants crashed the import`).toEqual([]);
    expect(fsCalls).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every kind of mutation was tried, and most mangled files were refused rather than half-read.
    expect(Object.keys(tally).sort()).toEqual(kinds.sort());
    const refused = Object.values(tally).reduce((sum, counts) => sum + (counts.refused ?? 0), 0);
    expect(refused).toBeGreaterThan(MUTANTS / 4);
  }, 600_000);

  it.each(Object.keys(classicAttacks))('%s: refused or imported as plain text, quickly, reading no file', async (name) => {
    const payload = classicAttacks[name]!;
    const outcome = await importHostile(`${name}.gpx`, Buffer.isBuffer(payload) ? payload : Buffer.from(payload));
    expect(fsCalls).toEqual([]);
    if (name.includes('entit') || name === 'external DTD' || name === 'billion laughs' || name === 'quadratic blowup') expect(outcome.status).toBe('refused');
    const names = (db.prepare('SELECT track_name FROM run_tracks').all() as { track_name: string | null }[]).map((row) => row.track_name ?? '');
    for (const trackName of names) expect(trackName).not.toContain(SECRET);
  });

  it('through the real dispatcher too: every attack is answered, never thrown', async () => {
    const handlers = createHandlers({
      db,
      now: () => now,
      timeZone: () => 'UTC',
      version: 'test',
      databasePath: 'unused',
      dataFolder: secretFolder.folder,
      backupsFolder: path.join(secretFolder.folder, 'backups'),
      restoreDatabase: () => Promise.reject(new Error('no')),
      openFolder: async () => false,
    });
    const app = 'file:///app/index.html';
    const dispatch = createDispatch(handlers, { isTrustedPage: samePage(app) });
    for (const [name, payload] of Object.entries(classicAttacks)) {
      const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const result = await importThroughDispatch(dispatch, { files: [{ fileName: `${name}.gpx`, bytes: new Uint8Array(bytes) }], timeZone: 'UTC' }, app);
      // Answered in words, one outcome per recording of the file (the file as a whole when refused outright).
      const outcomes = result.ok ? result.view.outcomes : [];
      expect(result.ok === false || (outcomes.length > 0 && outcomes.every((outcome) => ['imported', 'refused', 'duplicate'].includes(outcome.status) && outcome.reason !== ''))).toBe(true);
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
  });
});
