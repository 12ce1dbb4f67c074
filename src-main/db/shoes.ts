import type { StanceDatabase } from './open';
import type { Shoe } from '../shared/domain';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { isoUtc } from './local-time';
import { checkStored } from './tables';

const selectShoes = `
  SELECT shoes.id, shoes.name, shoes.retired, count(runs.id) AS run_count, coalesce(sum(runs.distance_m), 0) AS distance_m
  FROM shoes LEFT JOIN runs ON runs.shoe_id = shoes.id`;

interface ShoeRow {
  id: number;
  name: string;
  retired: number;
  run_count: number;
  distance_m: number;
}

function toShoe(row: ShoeRow): Shoe {
  return { id: row.id, name: row.name, retired: row.retired === 1, runCount: row.run_count, distanceMetres: row.distance_m };
}

/** The runner's shoes: those in use first, then retired ones, by name. */
export function listShoes(db: StanceDatabase): Shoe[] {
  const rows = db.prepare(`${selectShoes} GROUP BY shoes.id ORDER BY shoes.retired, shoes.name COLLATE NOCASE`).all() as ShoeRow[];
  return rows.map(toShoe);
}

function getShoe(db: StanceDatabase, id: number): Shoe {
  const row = db.prepare(`${selectShoes} WHERE shoes.id = ? GROUP BY shoes.id`).get(id) as ShoeRow | undefined;
  if (!row) throw new StanceError('refused', 'Those shoes are no longer in your list.');
  return toShoe(row);
}

function refuseDuplicate(db: StanceDatabase, name: string, exceptId: number | null): void {
  const clash = db.prepare('SELECT id FROM shoes WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(name, exceptId);
  if (clash) throw new StanceError('invalid', `You already have shoes called "${name}". Give these another name.`, 'name');
}

export function addShoe(db: StanceDatabase, input: ValidInput<'shoes:add'>, now: Date): Shoe {
  const id = db.transaction(() => {
    refuseDuplicate(db, input.name, null);
    const result = db.prepare('INSERT INTO shoes (name, created_at) VALUES (?, ?)').run(input.name, isoUtc(now));
    checkStored(db, 'shoes', 'id = ?', [result.lastInsertRowid], { db, now }, 'pair of shoes');
    return Number(result.lastInsertRowid);
  })();
  return getShoe(db, id);
}

export function updateShoe(db: StanceDatabase, input: ValidInput<'shoes:update'>, now: Date): Shoe {
  db.transaction(() => {
    getShoe(db, input.id);
    if (input.name !== undefined) refuseDuplicate(db, input.name, input.id);
    db.prepare('UPDATE shoes SET name = coalesce(@name, name), retired = coalesce(@retired, retired) WHERE id = @id').run({
      id: input.id,
      name: input.name ?? null,
      retired: input.retired === undefined ? null : Number(input.retired),
    });
    checkStored(db, 'shoes', 'id = ?', [input.id], { db, now }, 'pair of shoes');
  })();
  return getShoe(db, input.id);
}
