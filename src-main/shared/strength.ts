/**
 * Strength sessions, the exercise library, routines and recovery entries, as the renderer sees
 * them, with the labels and one-line summaries shown to the runner. Pure: no node, no electron.
 *
 * A strength session counts as glute work when at least one of its exercises is in the
 * 'glute_hip' category. Recovery entries (foam rolling, stretching…) never do.
 */
import { formatLoad, type LoadUnitSymbol } from './units';

export const exerciseCategories = ['glute_hip', 'foot', 'core', 'other'] as const;
export type ExerciseCategory = (typeof exerciseCategories)[number];

export const exerciseCategoryLabels: Record<ExerciseCategory, string> = {
  glute_hip: 'Glute and hip',
  foot: 'Foot',
  core: 'Core',
  other: 'Other',
};

/** What one set of an exercise counts: repetitions, or seconds held. */
export const exerciseMeasures = ['reps', 'seconds'] as const;
export type ExerciseMeasure = (typeof exerciseMeasures)[number];

/** 'both' for a two-legged exercise; 'left' or 'right' for one side of a one-legged one. */
export const setSides = ['left', 'right', 'both'] as const;
export type SetSide = (typeof setSides)[number];

export const recoveryKinds = ['foam_rolling', 'stretching', 'massage', 'ice_bath', 'other'] as const;
export type RecoveryKind = (typeof recoveryKinds)[number];

export const recoveryKindLabels: Record<RecoveryKind, string> = {
  foam_rolling: 'Foam rolling',
  stretching: 'Stretching',
  massage: 'Massage',
  ice_bath: 'Ice bath',
  other: 'Other recovery',
};

/** Band resistances offered as suggestions; any short text (a colour, "red loop") is allowed. */
export const bandSuggestions = ['light', 'medium', 'heavy', 'extra heavy'] as const;

export interface Exercise {
  id: number;
  name: string;
  category: ExerciseCategory;
  measure: ExerciseMeasure;
  /** One-legged (or one-sided): each set is done on the left and on the right. */
  perSide: boolean;
  defaultSets: number | null;
  /** Reps or seconds per set, by `measure`. */
  defaultAmount: number | null;
  /** How to do it well, in a sentence. */
  cue: string;
  /** In the library from the start (not added by the runner). */
  builtIn: boolean;
}

/** What a session or routine needs to know about an exercise to show it. */
export type ExerciseRef = Pick<Exercise, 'id' | 'name' | 'category' | 'measure' | 'perSide' | 'cue'>;

export interface ExerciseSet {
  /** 1, 2, 3… The left and right halves of a one-legged set share a number. */
  setNumber: number;
  side: SetSide;
  /** Reps or seconds, by the exercise's measure. */
  amount: number;
  loadKg: number | null;
}

export interface SessionExercise {
  exercise: ExerciseRef;
  /** Band resistance as the runner names it: "light", "medium", "green"… */
  band: string | null;
  /** How hard it felt, 1–10. */
  effort: number | null;
  notes: string;
  sets: ExerciseSet[];
}

/** A session on the day of a run came before it or after it. */
export const sameDayRunOrders = ['before', 'after'] as const;
export type SameDayRunOrder = (typeof sameDayRunOrders)[number];

export interface StrengthSession {
  id: number;
  localDate: string;
  /**
   * On the day of a run: done 'before' or 'after' it. Default 'after': then it does not count as
   * glute work before that run (the Insights count from the session before).
   */
  sameDayRun: SameDayRunOrder;
  durationSeconds: number | null;
  /** Overall rating of perceived exertion, 1–10. */
  rpe: number | null;
  notes: string;
  exercises: SessionExercise[];
  /** At least one glute or hip exercise: this session counts towards the glute plan. */
  countsAsGluteWork: boolean;
}

export interface RoutineExercise {
  exercise: ExerciseRef;
  sets: number;
  /** Reps or seconds per set (per side for a one-legged exercise). */
  amount: number;
  band: string | null;
}

export interface Routine {
  id: number;
  name: string;
  purpose: string;
  builtIn: boolean;
  exercises: RoutineExercise[];
}

export interface RecoveryEntry {
  id: number;
  localDate: string;
  kind: RecoveryKind;
  durationSeconds: number | null;
  notes: string;
}

function unitOf(measure: ExerciseMeasure): string {
  return measure === 'seconds' ? ' s' : '';
}

/** "3×20", "20, 18, 15", "3×30 s". */
function describeAmounts(amounts: number[], measure: ExerciseMeasure): string {
  if (amounts.length === 0) return '';
  const first = amounts[0]!;
  const unit = unitOf(measure);
  if (amounts.every((amount) => amount === first)) return `${amounts.length}×${first}${unit}`;
  return `${amounts.join(', ')}${unit}`;
}

/** The amounts of one side, in set order. */
function amountsOn(sets: readonly ExerciseSet[], side: SetSide): number[] {
  return sets
    .filter((set) => set.side === side)
    .sort((a, b) => a.setNumber - b.setNumber)
    .map((set) => set.amount);
}

/**
 * One exercise of a session in a few words: "Clamshell 3×20 each side (light band)",
 * "Glute bridge 3×15 · 20 kg", "Single-leg deadlift left 3×10, right 2×10".
 */
export function summariseExercise(entry: Pick<SessionExercise, 'exercise' | 'band' | 'sets'>, loadUnit: LoadUnitSymbol = 'kg'): string {
  const { exercise, sets } = entry;
  let work: string;
  if (exercise.perSide) {
    const left = describeAmounts(amountsOn(sets, 'left'), exercise.measure);
    const right = describeAmounts(amountsOn(sets, 'right'), exercise.measure);
    if (left === right) work = `${left} each side`;
    else work = [left && `left ${left}`, right && `right ${right}`].filter(Boolean).join(', ');
  } else {
    work = describeAmounts(amountsOn(sets, 'both'), exercise.measure);
  }
  const loads = [...new Set(sets.map((set) => set.loadKg).filter((load): load is number => load !== null && load > 0))];
  const extras = [
    loads.length === 1
      ? formatLoad(loads[0]!, loadUnit)
      : loads.length > 1
        ? `${loads.map((load) => formatLoad(load, loadUnit).split(' ')[0]).join('–')} ${loadUnit}`
        : '',
    entry.band ? `${entry.band} band` : '',
  ].filter(Boolean);
  return `${exercise.name} ${work}${extras.length > 0 ? ` · ${extras.join(' · ')}` : ''}`;
}

/** "Reps" / "Seconds", for a column heading or a label. */
export function measureLabel(measure: ExerciseMeasure): string {
  return measure === 'seconds' ? 'Seconds' : 'Reps';
}

/** "3 × 20 each side", "3 × 30 s" — an exercise's default, for the library. */
export function describeDefault(exercise: Pick<Exercise, 'defaultSets' | 'defaultAmount' | 'measure' | 'perSide'>): string {
  if (exercise.defaultSets === null || exercise.defaultAmount === null) return '';
  const amount = `${exercise.defaultAmount}${exercise.measure === 'seconds' ? ' s' : ' reps'}`;
  return `${exercise.defaultSets} × ${amount}${exercise.perSide ? ' each side' : ''}`;
}
