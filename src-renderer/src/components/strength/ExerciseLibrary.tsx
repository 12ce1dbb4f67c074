import { useId, useState, type FormEvent } from 'react';
import {
  describeDefault,
  exerciseCategories,
  exerciseCategoryLabels,
  type Exercise,
  type ExerciseCategory,
  type ExerciseMeasure,
} from '../../../../src-main/shared/strength';
import { useSave } from '../../api/hooks';

interface Props {
  library: Exercise[];
  onAdded: (exercise: Exercise) => void;
}

/** The exercise library by category, each exercise with its usual sets and how to do it well. */
export function ExerciseLibrary({ library, onAdded }: Props) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="strength-section" aria-labelledby="library-heading">
      <div className="section-head">
        <div>
          <h2 id="library-heading">Exercise library</h2>
          <p className="muted">Glute and hip work is what counts towards your glute plan.</p>
        </div>
        {adding ? null : (
          <button type="button" onClick={() => setAdding(true)}>
            Add your own exercise
          </button>
        )}
      </div>
      {adding ? (
        <ExerciseForm
          onSaved={(exercise) => {
            setAdding(false);
            onAdded(exercise);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <div className="library-grid">
        {exerciseCategories.map((category) => {
          const inCategory = library.filter((exercise) => exercise.category === category);
          return (
            <section key={category} className="card library-category" aria-labelledby={`library-${category}`}>
              <h3 id={`library-${category}`}>{exerciseCategoryLabels[category]}</h3>
              {inCategory.length === 0 ? (
                <p className="hint">None yet. Add your own above.</p>
              ) : (
                <ul className="library-list">
                  {inCategory.map((exercise) => (
                    <li key={exercise.id} data-testid="library-exercise">
                      <span className="library-name">{exercise.name}</span>
                      {exercise.builtIn ? null : <span className="pill category-pill">yours</span>}
                      <span className="library-default">{describeDefault(exercise)}</span>
                      {exercise.cue ? <p className="hint">{exercise.cue}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}

const fields = ['name', 'category', 'measure', 'perSide', 'defaultSets', 'defaultAmount', 'cue'] as const;
type Field = (typeof fields)[number];

function ExerciseForm({ onSaved, onCancel }: { onSaved: (exercise: Exercise) => void; onCancel: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<ExerciseCategory>('glute_hip');
  const [measure, setMeasure] = useState<ExerciseMeasure>('reps');
  const [perSide, setPerSide] = useState(true);
  const [defaultSets, setDefaultSets] = useState('3');
  const [defaultAmount, setDefaultAmount] = useState('15');
  const [cue, setCue] = useState('');
  const { save, refuse, invalid, fieldError, formError, saving } = useSave<'exercises:add', Field>('exercises:add', { fields });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const messages: Partial<Record<Field, string>> = {};
    if (!/^\d+$/.test(defaultSets.trim())) messages.defaultSets = 'Give the usual number of sets as a whole number.';
    if (!/^\d+$/.test(defaultAmount.trim())) messages.defaultAmount = `Give the usual ${measure === 'reps' ? 'reps' : 'seconds'} per set as a whole number.`;
    if (Object.keys(messages).length > 0) {
      refuse({ fields: messages });
      return;
    }
    const exercise = await save({ name, category, measure, perSide, defaultSets: Number(defaultSets), defaultAmount: Number(defaultAmount), cue });
    if (exercise) onSaved(exercise);
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>Add your own exercise</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} maxLength={100} placeholder="e.g. Monster walk" onChange={(e) => setName(e.target.value)} autoFocus {...invalid('name')} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>Kind of work</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as ExerciseCategory)} {...invalid('category')}>
            {exerciseCategories.map((option) => (
              <option key={option} value={option}>
                {exerciseCategoryLabels[option]}
              </option>
            ))}
          </select>
          {fieldError('category')}
        </div>
        <fieldset className="field">
          <legend>Each set counts</legend>
          <div className="choice-row">
            <label className="choice">
              <input type="radio" name={`${id}-measure`} checked={measure === 'reps'} onChange={() => setMeasure('reps')} /> Reps
            </label>
            <label className="choice">
              <input type="radio" name={`${id}-measure`} checked={measure === 'seconds'} onChange={() => setMeasure('seconds')} /> Seconds held
            </label>
          </div>
        </fieldset>
        <div className="field">
          <span className="field-label" aria-hidden="true">
            Sides
          </span>
          <label className="choice">
            <input type="checkbox" checked={perSide} onChange={(e) => setPerSide(e.target.checked)} /> One leg at a time
          </label>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sets`}>Usual sets</label>
          <input id={`${id}-sets`} inputMode="numeric" autoComplete="off" value={defaultSets} onChange={(e) => setDefaultSets(e.target.value)} {...invalid('defaultSets')} />
          {fieldError('defaultSets')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Usual {measure === 'reps' ? 'reps' : 'seconds'} per set{perSide ? ', each side' : ''}</label>
          <input id={`${id}-amount`} inputMode="numeric" autoComplete="off" value={defaultAmount} onChange={(e) => setDefaultAmount(e.target.value)} {...invalid('defaultAmount')} />
          {fieldError('defaultAmount')}
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-cue`}>How to do it well (optional)</label>
          <input id={`${id}-cue`} value={cue} maxLength={1000} placeholder="e.g. Band above the knees; stay low, toes forward." onChange={(e) => setCue(e.target.value)} {...invalid('cue')} />
          {fieldError('cue')}
        </div>
      </div>
      {formError}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          Add to library
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
