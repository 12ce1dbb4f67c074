/**
 * Recovery entries: foam rolling, stretching, massage, ice baths. Kept in their own table and
 * never counted as glute work (the glute plan reads strength sessions only).
 */
import type { StanceDatabase } from './open';
import type { DateRange, ValidRecoveryDraft } from '../shared/contract-strength';
import { StanceError } from '../shared/errors';
import type { RecoveryEntry } from '../shared/strength';
import { isoUtc } from './local-time';
import { refuseUnlikelyDate } from './tables/rules';
import { checkStored } from './tables';

interface RecoveryRow {
  id: number;
  local_date: string;
  kind: RecoveryEntry['kind'];
  duration_s: number | null;
  notes: string;
}

const selectRecovery = 'SELECT id, local_date, kind, duration_s, notes FROM recovery_entries';

function toEntry(row: RecoveryRow): RecoveryEntry {
  return { id: row.id, localDate: row.local_date, kind: row.kind, durationSeconds: row.duration_s, notes: row.notes };
}

/** Entries between two local dates (both included, either optional), newest first. */
export function listRecovery(db: StanceDatabase, range: DateRange): RecoveryEntry[] {
  const rows = db
    .prepare(
      `${selectRecovery}
       WHERE (@fromDate IS NULL OR local_date >= @fromDate) AND (@toDate IS NULL OR local_date <= @toDate)
       ORDER BY local_date DESC, id DESC`,
    )
    .all({ fromDate: range.fromDate ?? null, toDate: range.toDate ?? null }) as RecoveryRow[];
  return rows.map(toEntry);
}

export function addRecovery(db: StanceDatabase, draft: ValidRecoveryDraft, now: Date, timeZone: string): RecoveryEntry {
  refuseUnlikelyDate(draft.localDate, now, timeZone, 'recovery work');
  const lastInsertRowid = db.transaction(() => {
    const id = db
      .prepare(
        `INSERT INTO recovery_entries (local_date, kind, duration_s, notes, created_at)
         VALUES (@localDate, @kind, @durationSeconds, @notes, @createdAt)`,
      )
      .run({ ...draft, createdAt: isoUtc(now) }).lastInsertRowid;
    checkStored(db, 'recovery_entries', 'id = ?', [id], { db, now }, 'recovery entry');
    return id;
  })();
  return toEntry(db.prepare(`${selectRecovery} WHERE id = ?`).get(lastInsertRowid) as RecoveryRow);
}

export function deleteRecovery(db: StanceDatabase, id: number): { deleted: number } {
  const result = db.prepare('DELETE FROM recovery_entries WHERE id = ?').run(id);
  if (result.changes === 0) throw new StanceError('refused', 'That recovery entry no longer exists. It may have been deleted already.');
  return { deleted: id };
}
