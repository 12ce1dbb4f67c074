/**
 * FIT and TCX files of the shared corpus, mutated (cut short, bytes flipped, bytes inserted,
 * runs of bytes zeroed), each imported into a real database: every one ends as an outcome a
 * runner can read (imported, skipped, duplicate or refused with a reason) — never a crash — and
 * the database stays whole. A FIT file that is changed anywhere fails its CRC and is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { importActivities } from '../../src-main/import/activities';
import { openTempDatabase } from '../support/temp-db';
import { proofCount } from '../support/proofs';

const corpus = path.resolve(__dirname, '../../../shared/fit-tcx-corpus');
const files = fs.readdirSync(corpus).filter((name) => /\.(fit|tcx)$/.test(name));
const MUTATIONS = proofCount(300, 2000);

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(bytes: Buffer, random: () => number): { bytes: Buffer; how: string } {
  const at = Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return { bytes: bytes.subarray(0, at), how: `cut at ${at}` };
    case 1: {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ (1 << Math.floor(random() * 8));
      return { bytes: copy, how: `bit flipped at ${at}` };
    }
    case 2:
      return { bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at)]), how: `byte inserted at ${at}` };
    default: {
      const copy = Buffer.from(bytes);
      copy.fill(0, at, Math.min(copy.length, at + 1 + Math.floor(random() * 64)));
      return { bytes: copy, how: `zeroed from ${at}` };
    }
  }
}

let db: StanceDatabase;
let cleanup: () => void;
beforeAll(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterAll(() => cleanup());

describe(`${MUTATIONS} mutated FIT and TCX files`, () => {
  it('each ends as an outcome with a reason, never a crash; the database stays whole', () => {
    const random = prng(11);
    const statuses = new Map<string, number>();
    for (let k = 0; k < MUTATIONS; k++) {
      const name = files[k % files.length]!;
      const original = fs.readFileSync(path.join(corpus, name));
      const { bytes, how } = mutate(original, random);
      let outcomes;
      try {
        outcomes = importActivities(db, bytes, { file: name, entry: null, timeZone: 'UTC' }, new Date('2026-11-29T12:00:00Z'));
      } catch (error) {
        throw new Error(`${name}, ${how}: ${(error as Error).message}`, { cause: error });
      }
      for (const outcome of outcomes) {
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.status !== 'imported') expect(outcome.reason, `${name}, ${how}`).toMatch(/\.$/);
        if (name.endsWith('.fit') && !bytes.equals(original)) expect(outcome.status, `${name}, ${how}`).toBe('refused');
      }
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(statuses.get('refused')).toBeGreaterThan(0);
  });
});
