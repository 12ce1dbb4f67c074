/**
 * The `import` event: how an import is going, pushed by main to the window that started it
 * (ipc/handlers-import.ts, import/job-events.ts), so the window never polls. Its payload is an
 * `ImportJobView` as JSON text (events cross the preload as strings); the window parses and checks
 * it here, and drops anything else. `imports:status` answers the same shape: the catch-up read of
 * a window that missed events or was reloaded in the middle of an import.
 *
 * Pure TypeScript and zod (no node or electron imports): the renderer imports it.
 */
import { z } from 'zod';
import { IMPORT_OUTCOME_CODES, RECOGNISED_NOT_READ, SOURCE_FORMATS, type HeldKind, type SourceFormatId } from './import-formats';
import type { ImportJobView } from './import';

/** Main pushes at most one `import` event per job this often (10 a second); the final one is never held back. */
export const IMPORT_EVENT_INTERVAL_MS = 100;

/** The most outcomes one event carries (a larger batch of news is split over several events). */
export const MAX_OUTCOMES_PER_EVENT = 5_000;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(100_000);
const formatIds = SOURCE_FORMATS.map((format) => format.id) as [SourceFormatId, ...SourceFormatId[]];
const heldKinds = RECOGNISED_NOT_READ.map((entry) => entry.id) as [HeldKind, ...HeldKind[]];

const outcomeSchema = z.strictObject({
  file: text,
  entry: text.nullable(),
  recording: count.nullable(),
  track: z.strictObject({ index: count, name: text.nullable() }).nullable(),
  untimed: z.boolean(),
  status: z.enum(['imported', 'duplicate', 'skipped', 'refused']),
  sport: text.nullable(),
  reason: text.nullable(),
  code: z.enum(IMPORT_OUTCOME_CODES).nullable(),
  runId: count.nullable(),
  distanceMetres: z.number().finite().min(0).nullable(),
  points: count.nullable(),
  startedAt: text.nullable(),
  warnings: z.array(text).max(1_000),
  format: z.enum(formatIds).nullable(),
  deviceName: text.nullable(),
});

const summarySchema = z.strictObject({
  imported: count,
  duplicate: count,
  skipped: count,
  refused: count,
  otherFiles: count,
  held: z.array(z.strictObject({ kind: z.enum(heldKinds), count })).max(heldKinds.length),
  notes: z.array(text).max(1_000),
  whatItHeld: text.nullable(),
  cancelled: z.boolean(),
  gearOffered: z.array(text).max(10_000),
});

/** An `ImportJobView` as the window accepts it (the type check below keeps the two the same). */
export const importJobViewSchema = z
  .strictObject({
    jobId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    progress: z.strictObject({ filesRead: count, filesTotal: count, runsImported: count, currentFile: text.nullable() }),
    from: count,
    outcomes: z.array(outcomeSchema).max(MAX_OUTCOMES_PER_EVENT),
    outcomeCount: count,
    summary: summarySchema.nullable(),
    failure: text.nullable(),
  })
  .refine((view) => view.from + view.outcomes.length <= view.outcomeCount, { error: 'more outcomes than the job has' });

/** Compile-time proof that the schema and the type describe the same thing, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameShape: Same<z.infer<typeof importJobViewSchema>, ImportJobView> = true;
void sameShape;

/** The payload main sends: the view as JSON text. */
export function importEventPayload(view: ImportJobView): string {
  return JSON.stringify(view);
}

/**
 * The view an `import` event carries, checked; undefined for anything else (not text, not JSON,
 * not that shape, numbers out of range, an unknown code). Never throws.
 */
export function parseImportEvent(payload: unknown): ImportJobView | undefined {
  if (typeof payload !== 'string' || payload.length > 64 * 1024 * 1024) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = importJobViewSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
