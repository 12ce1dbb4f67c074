import { describe, expect, it } from 'vitest';
import { draftFromForm, emptySessionForm, formFromExercise, formFromSession, inputKey, inputOrder, loadText } from '../../../../src-renderer/src/components/strength/session-form';
import type { Exercise, StrengthSession } from '../../../../src-main/shared/strength';
import { KILOGRAMS_PER_POUND } from '../../../../src-main/shared/units';

const bridge: Exercise = {
  id: 1,
  name: 'Glute bridge',
  category: 'glute_hip',
  measure: 'reps',
  perSide: false,
  defaultSets: 3,
  defaultAmount: 15,
  cue: '',
  builtIn: true,
} as unknown as Exercise;

const singleLegDeadlift: Exercise = { ...bridge, id: 2, name: 'Single-leg deadlift', perSide: true, defaultAmount: 10 } as Exercise;

describe('the session form', () => {
  it('turns a picked exercise into its usual sets, ready to save', () => {
    const form = { ...emptySessionForm('2026-11-29'), exercises: [formFromExercise(bridge)] };
    const translation = draftFromForm(form);
    expect(translation.ok).toBe(true);
    if (!translation.ok) return;
    expect(translation.draft.exercises?.[0]?.sets).toEqual([
      { setNumber: 1, side: 'both', amount: 15, loadKg: null },
      { setNumber: 2, side: 'both', amount: 15, loadKg: null },
      { setNumber: 3, side: 'both', amount: 15, loadKg: null },
    ]);
  });

  it('stores a load typed in pounds in kilograms', () => {
    const entry = formFromExercise(bridge);
    entry.sets[0] = { ...entry.sets[0]!, load: '45' };
    const translation = draftFromForm({ ...emptySessionForm('2026-11-29', 'lb'), exercises: [entry] });
    if (!translation.ok) throw new Error(JSON.stringify(translation.problem));
    expect(translation.draft.exercises?.[0]?.sets[0]?.loadKg).toBeCloseTo(45 * KILOGRAMS_PER_POUND, 9);
  });

  it('says which exercise and set has a load that is not a number, in the runner’s unit', () => {
    const entry = formFromExercise(bridge);
    entry.sets[1] = { ...entry.sets[1]!, load: 'heavy' };
    const translation = draftFromForm({ ...emptySessionForm('2026-11-29', 'lb'), exercises: [entry] });
    expect(translation.ok).toBe(false);
    if (translation.ok) return;
    expect(translation.problem).toEqual({ fields: { [inputKey(entry, entry.sets[1]!, 'kg')]: 'Glute bridge, set 2: give the load in lb as a number, e.g. 15 or 22.5.' } });
  });

  it('asks for at least one side of a one-legged set', () => {
    const entry = formFromExercise(singleLegDeadlift);
    entry.sets[0] = { ...entry.sets[0]!, left: '', right: '' };
    const translation = draftFromForm({ ...emptySessionForm('2026-11-29'), exercises: [entry] });
    expect(translation.ok).toBe(false);
    if (translation.ok) return;
    expect(translation.problem).toEqual({ fields: { [inputKey(entry, entry.sets[0]!, 'left')]: 'Single-leg deadlift, set 1: give the reps for at least one side, or remove the set.' } });
  });

  it('shows a stored load in the runner’s unit when a session is repeated', () => {
    const session = {
      id: 9,
      localDate: '2026-11-20',
      durationSeconds: 1200,
      rpe: 6,
      notes: 'felt strong',
      countsAsGluteWork: true,
      exercises: [{ exercise: bridge, band: null, effort: null, notes: '', sets: [{ setNumber: 1, side: 'both', amount: 12, loadKg: 20 }] }],
    } as unknown as StrengthSession;
    const repeated = formFromSession(session, '2026-11-29', 'lb');
    expect(repeated.localDate).toBe('2026-11-29');
    expect(repeated.notes).toBe('');
    expect(repeated.exercises[0]?.sets[0]?.load).toBe('44');
    expect(loadText(20, 'kg')).toBe('20');
    expect(loadText(null, 'lb')).toBe('');
  });

  it('points main’s refusal of a set at its input', () => {
    const entry = formFromExercise(bridge);
    const translation = draftFromForm({ ...emptySessionForm('2026-11-29'), exercises: [entry] });
    if (!translation.ok) throw new Error('expected a draft');
    const located = translation.locate('exercises.0.sets.2.amount', 'Reps are a whole number from 1 to 1,000.');
    expect(located).toEqual({ fields: { [`${entry.key}-${entry.sets[2]!.key}-both`]: 'Glute bridge, set 3: Reps are a whole number from 1 to 1,000.' } });
    expect(translation.locate('localDate', 'Not a date.')).toEqual({ fields: { date: 'Not a date.' } });
    expect(translation.locate('exercises.0.sets.2.loadKg', 'Too heavy.')).toEqual({ fields: { [inputKey(entry, entry.sets[2]!, 'kg')]: 'Glute bridge, set 3: Too heavy.' } });
    expect(translation.locate('exercises.0.band', 'Too long.')).toEqual({ fields: { [`${entry.key}-band`]: 'Glute bridge: Too long.' } });
  });

  it('keeps a refusal it cannot place as a message about the whole form', () => {
    const translation = draftFromForm({ ...emptySessionForm('2026-11-29'), exercises: [formFromExercise(bridge)] });
    if (!translation.ok) throw new Error('expected a draft');
    expect(translation.locate(undefined, 'The database is busy.')).toEqual({ fields: {}, form: 'The database is busy.' });
    expect(translation.locate('exercises.7.sets.0.amount', 'No such set.')).toEqual({ fields: {}, form: 'No such set.' });
  });

  it('finds every problem at once, each on its own input, and sends nothing', () => {
    const bridgeEntry = formFromExercise(bridge);
    bridgeEntry.sets[0] = { ...bridgeEntry.sets[0]!, both: 'ten' };
    bridgeEntry.sets[2] = { ...bridgeEntry.sets[2]!, load: '8kg!' };
    const legEntry = formFromExercise(singleLegDeadlift);
    legEntry.sets[1] = { ...legEntry.sets[1]!, left: '', right: '' };
    const form = { ...emptySessionForm('2026-11-29'), durationMinutes: 'half an hour', exercises: [bridgeEntry, legEntry] };
    const translation = draftFromForm(form);
    expect(translation.ok).toBe(false);
    if (translation.ok) return;
    expect(translation.problem.form).toBeUndefined();
    expect(translation.problem.fields).toEqual({
      duration: 'Give the duration in whole minutes, e.g. 20.',
      [inputKey(bridgeEntry, bridgeEntry.sets[0]!, 'both')]: 'Glute bridge, set 1: give the reps as a whole number.',
      [inputKey(bridgeEntry, bridgeEntry.sets[2]!, 'kg')]: 'Glute bridge, set 3: give the load in kg as a number, e.g. 8 or 12.5.',
      [inputKey(legEntry, legEntry.sets[1]!, 'left')]: 'Single-leg deadlift, set 2: give the reps for at least one side, or remove the set.',
    });
    // The focus goes to the first of them in the order the runner meets the inputs.
    const order = inputOrder(form);
    const first = order.find((key) => translation.problem.fields[key] !== undefined);
    expect(first).toBe('duration');
    expect(order.indexOf(inputKey(bridgeEntry, bridgeEntry.sets[2]!, 'kg'))).toBeLessThan(order.indexOf(inputKey(legEntry, legEntry.sets[1]!, 'left')));
  });

  it('lists every input in the order the runner meets them, sides before the load', () => {
    const entry = formFromExercise(singleLegDeadlift);
    const order = inputOrder({ ...emptySessionForm('2026-11-29'), exercises: [entry] });
    const set = entry.sets[0]!;
    expect(order.slice(0, 6)).toEqual(['date', 'duration', 'rpe', inputKey(entry, set, 'left'), inputKey(entry, set, 'right'), inputKey(entry, set, 'kg')]);
    expect(order.slice(-4)).toEqual([`${entry.key}-band`, `${entry.key}-effort`, 'picker', 'notes']);
  });
});
