/**
 * How one channel of the contract is declared: its input schema, its result type, and what it
 * touches in the runner's data — a read names the areas its answer depends on, a write the areas
 * it changes. The renderer's useChannel asks again only when a save changed an area the read
 * depends on (src-renderer/src/api/changes.ts); Actual Budget's liveQuery, which reruns a query
 * only on the tables it reads, is the model.
 *
 * Areas are typed: a misspelt area, a channel that declares none, or a read that claims to
 * change something does not compile.
 */
import type { z } from 'zod';

/**
 * The parts of the runner's data a channel can read or change. Roughly one per table (or per
 * group of tables that are only ever written together):
 * - settings: the settings table (units, week start, theme, the Insights example's visibility…)
 * - runs: runs and their tracks (also each run's pain status and cut-short mark, which
 *   pain:setForRun writes into the run's row)
 * - shoes, plan (the glute plan history), pain (where and when a run hurt), checkins (daily
 *   pain check-ins), exercises (the library), strength (sessions, their exercises and sets),
 *   routines, recovery, ostrc (the weekly knee check), followups (a run's pain after it and
 *   the next morning)
 * - experiment: the randomised experiment's protocols, assignments and adherence answers
 * - backups: the backups folder
 * - imports: the import jobs of this window (progress, outcomes)
 */
export const dataAreas = [
  'settings',
  'runs',
  'shoes',
  'plan',
  'pain',
  'checkins',
  'exercises',
  'strength',
  'routines',
  'recovery',
  'ostrc',
  'followups',
  'experiment',
  'backups',
  'imports',
] as const;
export type DataArea = (typeof dataAreas)[number];

/** A read: its answer depends on `reads`, and it changes nothing. */
export interface ReadSpec<Input extends z.ZodType, Result> {
  input: Input;
  reads: readonly DataArea[];
  changes?: never;
  /** Phantom: the result type, never read at run time. */
  result?: Result;
}

/** A write: it changes `changes` (an empty list: it changes nothing a read shows, e.g. opening a folder). */
export interface WriteSpec<Input extends z.ZodType, Result> {
  input: Input;
  changes: readonly DataArea[];
  reads?: never;
  /** Phantom: the result type, never read at run time. */
  result?: Result;
}

/** One channel of the contract: a read or a write. */
export type ChannelSpec<Input extends z.ZodType, Result> = ReadSpec<Input, Result> | WriteSpec<Input, Result>;

/** `read<Result>('runs', 'pain')(inputSchema)`: declares a read that depends on the areas named. */
export function read<Result>(...reads: DataArea[]) {
  return <Input extends z.ZodType>(input: Input): ReadSpec<Input, Result> => ({ input, reads });
}

/** `write<Result>('runs')(inputSchema)`: declares a write that changes the areas named. */
export function write<Result>(...changes: DataArea[]) {
  return <Input extends z.ZodType>(input: Input): WriteSpec<Input, Result> => ({ input, changes });
}

/** Every area: what a restore or an import of a whole export changes. */
export const everyArea: readonly DataArea[] = dataAreas;

/** True when a save that changed `changed` makes a read of `reads` out of date. */
export function overlaps(reads: readonly DataArea[], changed: readonly DataArea[]): boolean {
  return reads.some((area) => changed.includes(area));
}
