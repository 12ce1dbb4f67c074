import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  bandSuggestions,
  exerciseCategories,
  exerciseCategoryLabels,
  measureLabel,
  type Exercise,
  type StrengthSession,
} from '../../../../src-main/shared/strength';
import { useSave } from '../../api/hooks';
import { SaveFooter } from '../DuplicatePrompt';
import { InputEcho } from '../InputEcho';
import { todayLocalDate } from '../../local-clock';
import {
  copyOfSet,
  draftFromForm,
  formFromExercise,
  inputKey,
  inputOrder,
  type ExerciseForm,
  type Problem,
  type SessionForm,
  type SetForm,
} from './session-form';

interface Props {
  /** What the form starts with: empty, a routine, a repeated session, or the session being edited. */
  initial: SessionForm;
  /** The session being edited; a new session when absent. */
  session?: StrengthSession | undefined;
  title: string;
  /** Where a pre-filled form came from, in a sentence. */
  origin?: string | undefined;
  library: Exercise[];
  onSaved: (session: StrengthSession) => void;
  onCancel: () => void;
}

/**
 * Log or edit a strength session: when, then each exercise with its sets (per side for a
 * one-legged exercise). Saved whole, in one go: the session with all its exercises and sets.
 */
export function SessionEditor({ initial, session, title, origin, library, onSaved, onCancel }: Props) {
  const id = useId();
  const [form, setForm] = useState<SessionForm>(initial);
  const [picked, setPicked] = useState('');
  /** Where main's refusal goes: translated onto the input it is about by the current draft. */
  const locate = useRef<(field: string | undefined, message: string) => Problem>((_field, message) => ({ fields: {}, form: message }));
  const fields = inputOrder(form);
  // One save for a new session, one for changes; both show their problems through useSave's one
  // mechanism (every message at once, under its input; focus on the first).
  const refuse = useRef<(problem: Problem) => void>(() => undefined);
  const placeRefusal = (refusal: { field: string | undefined; message: string }) => refuse.current(locate.current(refusal.field, refusal.message));
  const [duplicate, setDuplicate] = useState<string>();
  const add = useSave('strength:add', {
    fields,
    onRefused: (refusal) => {
      if (refusal.kind === 'duplicate') setDuplicate(refusal.message);
      else placeRefusal(refusal);
    },
  });
  const change = useSave('strength:update', { fields, onRefused: placeRefusal });
  const saver = session ? change : add;
  useEffect(() => {
    refuse.current = saver.refuse;
  });
  const saving = add.saving || change.saving;
  /** The input to move the focus to after the next render (a new exercise's first set, a problem). */
  const focusNext = useRef<string | undefined>(initial.exercises.length === 0 ? 'picker' : undefined);
  const setFocusTarget = (key: string | undefined) => {
    focusNext.current = key;
  };

  const elementId = (key: string) => `${id}-${key}`;
  useEffect(() => {
    if (focusNext.current === undefined) return;
    document.getElementById(`${id}-${focusNext.current}`)?.focus();
    focusNext.current = undefined;
  });

  const update = (patch: Partial<SessionForm>) => setForm((current) => ({ ...current, ...patch }));
  const updateExercise = (key: string, change: (entry: ExerciseForm) => ExerciseForm) =>
    setForm((current) => ({ ...current, exercises: current.exercises.map((entry) => (entry.key === key ? change(entry) : entry)) }));
  const updateSet = (exerciseKey: string, setKey: string, patch: Partial<SetForm>) =>
    updateExercise(exerciseKey, (entry) => ({ ...entry, sets: entry.sets.map((set) => (set.key === setKey ? { ...set, ...patch } : set)) }));

  function addExercise() {
    const exercise = library.find((candidate) => String(candidate.id) === picked);
    if (!exercise) {
      saver.refuse({ fields: { picker: 'Choose an exercise from the list first.' } });
      return;
    }
    const entry = formFromExercise(exercise);
    setForm((current) => ({ ...current, exercises: [...current.exercises, entry] }));
    setPicked('');
    saver.clear();
    const first = entry.sets[0];
    setFocusTarget(first ? inputKey(entry, first, exercise.perSide ? 'left' : 'both') : undefined);
  }

  function addSet(entry: ExerciseForm) {
    const set = copyOfSet(entry.sets[entry.sets.length - 1], entry.exercise);
    updateExercise(entry.key, (current) => ({ ...current, sets: [...current.sets, set] }));
    setFocusTarget(inputKey(entry, set, entry.exercise.perSide ? 'left' : 'both'));
  }

  function removeSet(entry: ExerciseForm, set: SetForm) {
    updateExercise(entry.key, (current) => ({ ...current, sets: current.sets.filter((candidate) => candidate.key !== set.key) }));
    setFocusTarget(`${entry.key}-add-set`);
  }

  function removeExercise(entry: ExerciseForm) {
    setForm((current) => ({ ...current, exercises: current.exercises.filter((candidate) => candidate.key !== entry.key) }));
    setFocusTarget('picker');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(false);
  }

  /** Saves the session; `saveAnyway` after the runner answered *Save anyway* to "You already logged this session…". */
  async function save(saveAnyway: boolean) {
    setDuplicate(undefined);
    const translation = draftFromForm(form);
    if (!translation.ok) {
      saver.refuse(translation.problem);
      return;
    }
    saver.clear();
    locate.current = translation.locate;
    const { draft } = translation;
    const saved = session ? await change.save({ id: session.id, ...draft }) : await add.save(saveAnyway ? { ...draft, saveAnyway: true } : draft);
    if (saved) onSaved(saved);
  }

  const invalid = (key: string) => saver.invalid(key);
  const problemHere = (key: string) => saver.fieldError(key);
  /** The messages about one exercise's sets, under its table (the inputs are table cells). */
  const problemsWithSetsOf = (entry: ExerciseForm) => entry.sets.flatMap((set) => (['both', 'left', 'right', 'kg'] as const).map((part) => saver.fieldError(inputKey(entry, set, part))));

  return (
    <form className="card form strength-editor" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      {origin ? <p className="hint editor-origin">{origin}</p> : null}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={elementId('date')}>Date</label>
          <input id={elementId('date')} type="date" required value={form.localDate} max={todayLocalDate()} onChange={(e) => update({ localDate: e.target.value })} {...invalid('date')} />
          <InputEcho kind="date" value={form.localDate} />
          {problemHere('date')}
        </div>
        <div className="field">
          <label htmlFor={elementId('duration')}>Minutes (optional)</label>
          <input id={elementId('duration')} inputMode="numeric" autoComplete="off" placeholder="20" value={form.durationMinutes} onChange={(e) => update({ durationMinutes: e.target.value })} {...invalid('duration')} />
          {problemHere('duration')}
        </div>
        <div className="field">
          <label htmlFor={elementId('rpe')}>How hard, 1–10 (optional)</label>
          <select id={elementId('rpe')} value={form.rpe} onChange={(e) => update({ rpe: e.target.value })} {...invalid('rpe')}>
            <option value="">Not given</option>
            {Array.from({ length: 10 }, (_, index) => index + 1).map((level) => (
              <option key={level} value={level}>
                {level}
                {level === 1 ? ' – very easy' : level === 10 ? ' – all out' : ''}
              </option>
            ))}
          </select>
          {problemHere('rpe')}
        </div>
        <div className="field">
          <label htmlFor={elementId('same-day-run')}>If you ran that day, this was</label>
          <select
            id={elementId('same-day-run')}
            value={form.sameDayRun ?? 'after'}
            onChange={(e) => update({ sameDayRun: e.target.value === 'before' ? 'before' : 'after' })}
          >
            <option value="after">after the run</option>
            <option value="before">before the run</option>
          </select>
        </div>
      </div>

      <datalist id={`${id}-bands`}>
        {bandSuggestions.map((band) => (
          <option key={band} value={band} />
        ))}
      </datalist>

      {form.exercises.length > 0 ? (
        <ol className="exercise-blocks">
          {form.exercises.map((entry, position) => (
            <li key={entry.key}>
              <ExerciseBlock
                entry={entry}
                position={position}
                elementId={elementId}
                bandList={`${id}-bands`}
                invalid={invalid}
                problemHere={problemHere}
                problemWithSets={problemsWithSetsOf(entry)}
                onSet={(set, patch) => updateSet(entry.key, set.key, patch)}
                loadUnit={form.loadUnit}
                onChange={(patch) => updateExercise(entry.key, (current) => ({ ...current, ...patch }))}
                onAddSet={() => addSet(entry)}
                onRemoveSet={(set) => removeSet(entry, set)}
                onRemove={() => removeExercise(entry)}
              />
            </li>
          ))}
        </ol>
      ) : (
        <p className="hint no-exercises">No exercises yet: choose one below and press Add. Its usual sets and reps are filled in for you.</p>
      )}

      <div className="field add-exercise">
        <label htmlFor={elementId('picker')}>{form.exercises.length === 0 ? 'Add an exercise' : 'Add another exercise'}</label>
        <div className="with-suffix">
          <select id={elementId('picker')} value={picked} onChange={(e) => setPicked(e.target.value)} {...invalid('picker')}>
            <option value="">Choose from your library…</option>
            {exerciseCategories.map((category) => {
              const inCategory = library.filter((exercise) => exercise.category === category);
              return inCategory.length === 0 ? null : (
                <optgroup key={category} label={exerciseCategoryLabels[category]}>
                  {inCategory.map((exercise) => (
                    <option key={exercise.id} value={exercise.id}>
                      {exercise.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
          <button type="button" onClick={addExercise}>
            Add
          </button>
        </div>
        {problemHere('picker')}
      </div>

      <div className="field">
        <label htmlFor={elementId('notes')}>Notes (optional)</label>
        <textarea id={elementId('notes')} value={form.notes} maxLength={5000} onChange={(e) => update({ notes: e.target.value })} {...invalid('notes')} />
        {problemHere('notes')}
      </div>

      <SaveFooter duplicate={duplicate} formError={saver.formError} saving={saving} saveLabel={session ? 'Save changes' : 'Save session'} onSaveAnyway={() => void save(true)} onCancel={onCancel} />
    </form>
  );
}

interface BlockProps {
  entry: ExerciseForm;
  position: number;
  elementId: (key: string) => string;
  bandList: string;
  invalid: (key: string) => { 'aria-invalid': boolean; 'aria-describedby': string | undefined; 'data-field': string };
  problemHere: (key: string) => ReactNode;
  /** The messages about this exercise's sets, if any. */
  problemWithSets: ReactNode;
  onSet: (set: SetForm, patch: Partial<SetForm>) => void;
  /** The unit loads are typed in. */
  loadUnit: string;
  onChange: (patch: Partial<ExerciseForm>) => void;
  onAddSet: () => void;
  onRemoveSet: (set: SetForm) => void;
  onRemove: () => void;
}

/** One exercise of the session: its sets in a small table, then band, effort, and remove. */
function ExerciseBlock({ entry, position, elementId, bandList, invalid, problemHere, problemWithSets, onSet, loadUnit, onChange, onAddSet, onRemoveSet, onRemove }: BlockProps) {
  const { exercise } = entry;
  const unit = measureLabel(exercise.measure);
  const sides = exercise.perSide ? (['left', 'right'] as const) : (['both'] as const);
  const headingId = elementId(`${entry.key}-heading`);
  return (
    <section className="exercise-block" aria-labelledby={headingId}>
      <div className="exercise-block-head">
        <h3 id={headingId}>
          <span className="exercise-number" aria-hidden="true">
            {position + 1}
          </span>
          {exercise.name}
        </h3>
        {exercise.category === 'glute_hip' ? <span className="pill glute-badge">Glute/hip</span> : <span className="pill category-pill">{exerciseCategoryLabels[exercise.category]}</span>}
        <button type="button" className="small quiet remove-exercise" onClick={onRemove} aria-label={`Remove ${exercise.name} from the session`}>
          Remove
        </button>
      </div>
      {exercise.cue ? <p className="hint">{exercise.cue}</p> : null}
      <table className="sets-table">
        <caption className="visually-hidden">
          Sets of {exercise.name}
          {exercise.perSide ? ', each side' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Set</th>
            {exercise.perSide ? (
              <>
                <th scope="col">Left {unit.toLowerCase()}</th>
                <th scope="col">Right {unit.toLowerCase()}</th>
              </>
            ) : (
              <th scope="col">{unit}</th>
            )}
            <th scope="col">Load {loadUnit} (optional)</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entry.sets.map((set, index) => (
            <tr key={set.key}>
              <th scope="row">{index + 1}</th>
              {sides.map((side) => {
                const key = inputKey(entry, set, side);
                return (
                  <td key={side}>
                    <input
                      id={elementId(key)}
                      className="set-input"
                      inputMode="numeric"
                      autoComplete="off"
                      aria-label={`${exercise.name} set ${index + 1}${side === 'both' ? '' : ` ${side}`} ${unit.toLowerCase()}`}
                      value={set[side]}
                      onChange={(e) => onSet(set, { [side]: e.target.value })}
                      {...invalid(key)}
                    />
                  </td>
                );
              })}
              <td>
                <input
                  id={elementId(inputKey(entry, set, 'kg'))}
                  className="set-input"
                  inputMode="decimal"
                  autoComplete="off"
                  aria-label={`${exercise.name} set ${index + 1} load in ${loadUnit}`}
                  value={set.load}
                  onChange={(e) => onSet(set, { load: e.target.value })}
                  {...invalid(inputKey(entry, set, 'kg'))}
                />
              </td>
              <td>
                <button type="button" className="small quiet" onClick={() => onRemoveSet(set)} aria-label={`Remove set ${index + 1} of ${exercise.name}`}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problemWithSets}
      <div className="exercise-block-foot">
        <button type="button" className="small" id={elementId(`${entry.key}-add-set`)} onClick={onAddSet} aria-label={`Add a set of ${exercise.name}`}>
          + Add a set
        </button>
        <div className="field compact">
          <label htmlFor={elementId(`${entry.key}-band`)}>Band</label>
          <input
            id={elementId(`${entry.key}-band`)}
            list={bandList}
            autoComplete="off"
            placeholder="none"
            maxLength={50}
            value={entry.band}
            onChange={(e) => onChange({ band: e.target.value })}
            {...invalid(`${entry.key}-band`)}
          />
          {problemHere(`${entry.key}-band`)}
        </div>
        <div className="field compact">
          <label htmlFor={elementId(`${entry.key}-effort`)}>How hard (1–10)</label>
          <select id={elementId(`${entry.key}-effort`)} value={entry.effort} onChange={(e) => onChange({ effort: e.target.value })} {...invalid(`${entry.key}-effort`)}>
            <option value="">–</option>
            {Array.from({ length: 10 }, (_, level) => level + 1).map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
          {problemHere(`${entry.key}-effort`)}
        </div>
      </div>
    </section>
  );
}
