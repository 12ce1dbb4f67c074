/**
 * The session editor's model: what the runner is typing, as text, and its translation into
 * the contract's draft. The checks here only catch what cannot be sent at all (letters where
 * a number goes, a set left empty); main makes every check that matters.
 */
import type { StrengthSessionDraft } from '../../../../src-main/shared/contract-strength';
import type { Exercise, ExerciseRef, Routine, SetSide, StrengthSession } from '../../../../src-main/shared/strength';
import { fromKilograms, parseDecimal, toKilograms, type LoadUnitSymbol } from '../../../../src-main/shared/units';
import type { Problem as ApiProblem } from '../../api/problem';

export interface SetForm {
  key: string;
  /** Reps or seconds, for a two-legged exercise. */
  both: string;
  left: string;
  right: string;
  /** The load as typed, in the form's load unit (kg or lb). */
  load: string;
}

export interface ExerciseForm {
  key: string;
  exercise: ExerciseRef;
  band: string;
  effort: string;
  notes: string;
  sets: SetForm[];
}

export interface SessionForm {
  /** The unit loads are typed in (the runner's setting); stored in kg. */
  loadUnit: LoadUnitSymbol;
  localDate: string;
  durationMinutes: string;
  rpe: string;
  notes: string;
  /** On the day of a run: done before it or after it (optional in older forms: 'after'). */
  sameDayRun?: 'before' | 'after';
  exercises: ExerciseForm[];
}

/**
 * What to fix, in the one shape every form uses (api/problem.ts): messages by input key — 'date',
 * 'duration', 'rpe', 'notes', 'picker', `${exercise}-band`, `${exercise}-effort`, or a set's
 * `${exercise}-${set}-left|right|both|kg` (inputKey) — and one for the whole form.
 */
export type Problem = ApiProblem<string>;

/**
 * Every input of the form, in the order the runner meets them (the first with a message gets
 * the focus): date, minutes, how hard, then each exercise's sets (reps or seconds per side, then
 * load), band and effort, then the exercise picker and the notes.
 */
export function inputOrder(form: SessionForm): string[] {
  const keys = ['date', 'duration', 'rpe'];
  for (const entry of form.exercises) {
    const sides: (SetSide | 'kg')[] = entry.exercise.perSide ? ['left', 'right', 'kg'] : ['both', 'kg'];
    for (const set of entry.sets) for (const part of sides) keys.push(inputKey(entry, set, part));
    keys.push(`${entry.key}-band`, `${entry.key}-effort`);
  }
  keys.push('picker', 'notes');
  return keys;
}

let lastKey = 0;
const newKey = () => `k${++lastKey}`;

function text(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function emptySet(amount: number | null): SetForm {
  return { key: newKey(), both: text(amount), left: text(amount), right: text(amount), load: '' };
}

/** A stored load (kg) as the text the form shows in `unit`: "20", "44" (lb to the nearest half pound). */
export function loadText(loadKg: number | null | undefined, unit: LoadUnitSymbol): string {
  if (loadKg === null || loadKg === undefined) return '';
  const value = fromKilograms(loadKg, unit);
  const rounded = unit === 'lb' ? Math.round(value * 2) / 2 : Math.round(value * 100) / 100;
  return String(rounded);
}

/** The usual amount when the library gives none: 10 reps, or a 30-second hold. */
function fallbackAmount(exercise: Pick<ExerciseRef, 'measure'>): number {
  return exercise.measure === 'seconds' ? 30 : 10;
}

function exerciseForm(exercise: ExerciseRef, sets: number, amount: number, band: string | null): ExerciseForm {
  return {
    key: newKey(),
    exercise,
    band: band ?? '',
    effort: '',
    notes: '',
    sets: Array.from({ length: sets }, () => emptySet(amount)),
  };
}

/** An exercise picked from the library: its default sets × amount, ready to adjust. */
export function formFromExercise(exercise: Exercise): ExerciseForm {
  return exerciseForm(exercise, exercise.defaultSets ?? 3, exercise.defaultAmount ?? fallbackAmount(exercise), null);
}

export function emptySessionForm(localDate: string, loadUnit: LoadUnitSymbol = 'kg'): SessionForm {
  return { loadUnit, localDate, durationMinutes: '', rpe: '', notes: '', exercises: [] };
}

/** A routine as a new session on `localDate`. */
export function formFromRoutine(routine: Routine, localDate: string, loadUnit: LoadUnitSymbol = 'kg'): SessionForm {
  return {
    ...emptySessionForm(localDate, loadUnit),
    exercises: routine.exercises.map((entry) => exerciseForm(entry.exercise, entry.sets, entry.amount, entry.band)),
  };
}

/** A saved session, to edit it (keeping its date) or to repeat it (on `localDate`, without its notes). */
export function formFromSession(session: StrengthSession, repeatOn?: string, loadUnit: LoadUnitSymbol = 'kg'): SessionForm {
  return {
    loadUnit,
    localDate: repeatOn ?? session.localDate,
    durationMinutes: session.durationSeconds === null ? '' : String(Math.round(session.durationSeconds / 60)),
    rpe: repeatOn ? '' : text(session.rpe),
    notes: repeatOn ? '' : session.notes,
    sameDayRun: repeatOn ? 'after' : session.sameDayRun,
    exercises: session.exercises.map((entry) => {
      const setNumbers = [...new Set(entry.sets.map((set) => set.setNumber))].sort((a, b) => a - b);
      return {
        key: newKey(),
        exercise: entry.exercise,
        band: entry.band ?? '',
        effort: repeatOn ? '' : text(entry.effort),
        notes: repeatOn ? '' : entry.notes,
        sets: setNumbers.map((setNumber) => {
          const sides = entry.sets.filter((set) => set.setNumber === setNumber);
          const amountOn = (side: SetSide) => text(sides.find((set) => set.side === side)?.amount);
          return { key: newKey(), both: amountOn('both'), left: amountOn('left'), right: amountOn('right'), load: loadText(sides[0]?.loadKg, loadUnit) };
        }),
      };
    }),
  };
}

/** A copy of the set above, so "add a set" is one click. */
export function copyOfSet(set: SetForm | undefined, exercise: ExerciseRef): SetForm {
  if (!set) return emptySet(fallbackAmount(exercise));
  return { ...set, key: newKey() };
}

function wholeNumber(value: string): number | null | 'not a number' {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 'not a number';
}

function unitWord(exercise: ExerciseRef): string {
  return exercise.measure === 'seconds' ? 'seconds' : 'reps';
}

/** Where a set of the draft came from, to point at the right input when main refuses it. */
interface DraftSetOrigin {
  exercise: ExerciseForm;
  set: SetForm;
  setNumber: number;
  side: SetSide;
}

export type Translation =
  | { ok: true; draft: StrengthSessionDraft; locate: (field: string | undefined, message: string) => Problem }
  | { ok: false; problem: Problem };

export function inputKey(exercise: ExerciseForm, set: SetForm, part: SetSide | 'kg'): string {
  return `${exercise.key}-${set.key}-${part}`;
}

/**
 * The form as the contract's draft, or every problem that stops it being sent as it is (all at
 * once, each on its input): minutes that are not whole, a load that is not a number, reps or
 * seconds that are not whole, a set with nothing in it.
 */
export function draftFromForm(form: SessionForm): Translation {
  const fields: Record<string, string> = {};
  let durationSeconds: number | null = null;
  const minutes = wholeNumber(form.durationMinutes);
  if (minutes === 'not a number') fields.duration = 'Give the duration in whole minutes, e.g. 20.';
  else if (minutes !== null) durationSeconds = minutes * 60;

  const origins: DraftSetOrigin[][] = [];
  const exercises: StrengthSessionDraft['exercises'] = [];
  for (const entry of form.exercises) {
    const { exercise } = entry;
    const sets: NonNullable<StrengthSessionDraft['exercises']>[number]['sets'] = [];
    const setOrigins: DraftSetOrigin[] = [];
    for (const [index, set] of entry.sets.entries()) {
      const setNumber = index + 1;
      let loadKg: number | null = null;
      if (set.load.trim() !== '') {
        const load = parseDecimal(set.load);
        if (load === null) {
          const example = form.loadUnit === 'lb' ? '15 or 22.5' : '8 or 12.5';
          fields[inputKey(entry, set, 'kg')] = `${exercise.name}, set ${setNumber}: give the load in ${form.loadUnit} as a number, e.g. ${example}.`;
        } else loadKg = toKilograms(load, form.loadUnit);
      }
      const sides: SetSide[] = exercise.perSide ? ['left', 'right'] : ['both'];
      const given = sides.map((side) => ({ side, amount: wholeNumber(set[side]) }));
      for (const { side, amount } of given) {
        if (amount === 'not a number') {
          fields[inputKey(entry, set, side)] = `${exercise.name}, set ${setNumber}${exercise.perSide ? ` (${side})` : ''}: give the ${unitWord(exercise)} as a whole number.`;
        }
      }
      if (given.every(({ amount }) => amount === null)) {
        fields[inputKey(entry, set, sides[0]!)] = exercise.perSide
          ? `${exercise.name}, set ${setNumber}: give the ${unitWord(exercise)} for at least one side, or remove the set.`
          : `${exercise.name}, set ${setNumber}: give the ${unitWord(exercise)}, or remove the set.`;
      }
      for (const { side, amount } of given) {
        if (amount === null || amount === 'not a number') continue;
        sets.push({ setNumber, side, amount, loadKg });
        setOrigins.push({ exercise: entry, set, setNumber, side });
      }
    }
    origins.push(setOrigins);
    exercises.push({
      exerciseId: exercise.id,
      band: entry.band.trim() === '' ? null : entry.band.trim(),
      effort: entry.effort === '' ? null : Number(entry.effort),
      notes: entry.notes,
      sets,
    });
  }
  if (Object.keys(fields).length > 0) return { ok: false, problem: { fields } };

  const draft: StrengthSessionDraft = {
    localDate: form.localDate,
    durationSeconds,
    rpe: form.rpe === '' ? null : Number(form.rpe),
    notes: form.notes,
    sameDayRun: form.sameDayRun ?? 'after',
    exercises,
  };

  /** Turns main's field path ("exercises.1.sets.3.amount") into the input to fix, with its place in words. */
  const on = (input: string, message: string): Problem => ({ fields: { [input]: message } });
  const locate = (field: string | undefined, message: string): Problem => {
    const sessionInputs: Record<string, string> = { localDate: 'date', durationSeconds: 'duration', rpe: 'rpe', notes: 'notes', exercises: 'picker' };
    if (!field) return { fields: {}, form: message };
    if (field in sessionInputs) return on(sessionInputs[field]!, message);
    const match = /^exercises\.(\d+)(?:\.sets\.(\d+))?\.?(\w+)?/.exec(field);
    const entry = match ? form.exercises[Number(match[1])] : undefined;
    if (!match || !entry) return { fields: {}, form: message };
    const where = (text: string) => (message.includes(entry.exercise.name) ? message : `${text}: ${message}`);
    if (match[2] !== undefined) {
      const origin = origins[Number(match[1])]?.[Number(match[2])];
      if (!origin) return { fields: {}, form: where(entry.exercise.name) };
      const side = origin.side === 'both' ? '' : ` (${origin.side})`;
      return on(inputKey(entry, origin.set, match[3] === 'loadKg' ? 'kg' : origin.side), where(`${entry.exercise.name}, set ${origin.setNumber}${side}`));
    }
    if (match[3] === 'band' || match[3] === 'effort') return on(`${entry.key}-${match[3]}`, where(entry.exercise.name));
    return { fields: {}, form: where(entry.exercise.name) };
  };

  return { ok: true, draft, locate };
}
