import { useState } from 'react';
import type { ActivationExercise, AssignmentSchemeName, ExperimentLengthTerms, ExperimentSetup } from '../../../../src-main/shared/experiment';
import { useSave } from '../../api/hooks';
import { formatLocalDate } from '../../local-clock';
import { exerciseWords, lengthWords, outcomeWords, ruleWords, schemeWords, canAndCannot } from './experiment-words';

type Field = 'routine' | 'length' | 'scheme' | 'startDate';

/**
 * Setting up an experiment: the activation routine (from the exercise library), how long, how
 * runs are assigned, the first day — then the whole protocol in plain words, and only then
 * "Fix it". What the runner's own running gives at the default length is shown beside it.
 */
export function ExperimentSetupForm({ setup, onFixed }: { setup: ExperimentSetup; onFixed: (protocolId: number) => void }) {
  const [exercises, setExercises] = useState<ActivationExercise[]>(setup.defaults.routine.exercises);
  const [minutes, setMinutes] = useState(setup.defaults.routine.minutes);
  const [lengthUnit, setLengthUnit] = useState<'painful_runs' | 'weeks'>('painful_runs');
  const [painfulRuns, setPainfulRuns] = useState(setup.defaults.painfulRuns);
  const [weeks, setWeeks] = useState(12);
  const [scheme, setScheme] = useState<AssignmentSchemeName>(setup.defaults.scheme);
  const [startDate, setStartDate] = useState(setup.defaults.startDate);
  const [reviewing, setReviewing] = useState(false);
  const fix = useSave('experiment:fix', { fields: ['routine', 'length', 'scheme', 'startDate'] as const satisfies readonly Field[] });
  const length: ExperimentLengthTerms = lengthUnit === 'weeks' ? { unit: 'weeks', weeks } : { unit: 'painful_runs', painfulRuns };
  const forecast = setup.forecast;

  const setExercise = (index: number, change: Partial<ActivationExercise>) =>
    setExercises((list) => list.map((exercise, at) => (at === index ? { ...exercise, ...change } : exercise)));

  async function fixIt() {
    const protocol = await fix.save({ routine: { exercises, minutes }, length, scheme, startDate });
    if (protocol) onFixed(protocol.id);
  }

  return (
    <div className="experiment-setup">
      <section className="card" aria-labelledby="setup-heading">
        <h2 id="setup-heading">Set up your experiment</h2>
        <p className="muted">{canAndCannot}</p>
        {!reviewing ? (
          <form
            className="experiment-form"
            onSubmit={(event) => {
              event.preventDefault();
              setReviewing(true);
            }}
          >
            <fieldset>
              <legend>The activation routine, done just before the run</legend>
              {exercises.map((exercise, index) => (
                <div className="experiment-exercise" key={index}>
                  <label>
                    Exercise{' '}
                    <select value={exercise.name} onChange={(event) => setExercise(index, { name: event.target.value })}>
                      {[...new Set([exercise.name, ...setup.exerciseNames])].map((name) => (
                        <option key={name}>{name}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Sets <input type="number" min={1} max={5} value={exercise.sets} onChange={(event) => setExercise(index, { sets: Number(event.target.value) })} />
                  </label>
                  <label>
                    Reps <input type="number" min={5} max={50} value={exercise.reps ?? ''} onChange={(event) => setExercise(index, { reps: Number(event.target.value), seconds: null })} />
                  </label>
                  <label className="inline-check">
                    <input type="checkbox" checked={exercise.perSide} onChange={(event) => setExercise(index, { perSide: event.target.checked })} /> each side
                  </label>
                  {exercises.length > 1 ? (
                    <button type="button" onClick={() => setExercises((list) => list.filter((_, at) => at !== index))}>
                      Remove
                    </button>
                  ) : null}
                </div>
              ))}
              {exercises.length < 6 ? (
                <button type="button" onClick={() => setExercises((list) => [...list, { name: setup.exerciseNames[0] ?? 'Glute bridge', sets: 2, reps: 15, seconds: null, perSide: false }])}>
                  Add an exercise
                </button>
              ) : null}
              <label>
                About <input type="number" min={1} max={20} value={minutes} onChange={(event) => setMinutes(Number(event.target.value))} /> minutes
              </label>
              {fix.fieldError('routine')}
            </fieldset>

            <fieldset>
              <legend>How long</legend>
              <label className="inline-check">
                <input type="radio" name="length" checked={lengthUnit === 'painful_runs'} onChange={() => setLengthUnit('painful_runs')} /> Until the knee has hurt on{' '}
                <input type="number" min={20} max={200} step={10} value={painfulRuns} onChange={(event) => setPainfulRuns(Number(event.target.value))} aria-label="Painful runs" /> runs
                (recommended: {setup.defaults.painfulRuns})
              </label>
              <label className="inline-check">
                <input type="radio" name="length" checked={lengthUnit === 'weeks'} onChange={() => setLengthUnit('weeks')} /> For{' '}
                <input type="number" min={4} max={52} value={weeks} onChange={(event) => setWeeks(Number(event.target.value))} aria-label="Weeks" /> weeks
              </label>
              {fix.fieldError('length')}
            </fieldset>

            <fieldset>
              <legend>How runs are assigned</legend>
              <label className="inline-check">
                <input type="radio" name="scheme" checked={scheme === 'run_day_blocks_of_4'} onChange={() => setScheme('run_day_blocks_of_4')} /> Each run day (recommended)
              </label>
              <label className="inline-check">
                <input type="radio" name="scheme" checked={scheme === 'whole_weeks_in_pairs'} onChange={() => setScheme('whole_weeks_in_pairs')} /> Whole weeks, if you cannot decide day to
                day
              </label>
            </fieldset>

            <label>
              First day <input type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} {...fix.invalid('startDate')} />{' '}
              <span className="muted">{startDate ? formatLocalDate(startDate) : ''}</span>
            </label>
            {fix.fieldError('startDate')}
            <div className="form-actions">
              <button type="submit" className="primary">
                Review the protocol
              </button>
            </div>
          </form>
        ) : (
          <div className="experiment-review" role="region" aria-label="The protocol in plain words">
            <h3>The protocol in plain words</h3>
            <dl className="experiment-terms">
              <dt>Before a run on an activation day</dt>
              <dd>
                {exercises.map(exerciseWords).join('; ')} — about {minutes} minutes.
              </dd>
              <dt>How long</dt>
              <dd>{lengthWords(length)}, from {formatLocalDate(startDate)}.</dd>
              <dt>Assignment</dt>
              <dd>{schemeWords(scheme)} Today tells you before each run.</dd>
              <dt>What is measured</dt>
              <dd>{outcomeWords(setup.defaults.outcome)}</dd>
              <dt>The rule that decides</dt>
              <dd>{ruleWords}</dd>
            </dl>
            <p className="notice">Once fixed, nothing in it can be changed. You can stop early; the reason is recorded.</p>
            {fix.formError}
            <div className="form-actions">
              <button type="button" className="primary" disabled={fix.saving} onClick={fixIt}>
                {fix.saving ? 'Fixing…' : 'Fix this protocol'}
              </button>
              <button type="button" onClick={() => setReviewing(false)}>
                Back to the choices
              </button>
            </div>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="forecast-heading">
        <h2 id="forecast-heading">What your own running gives</h2>
        {forecast.painfulRunsPerWeek === null || forecast.painfulRunsPerWeek === 0 ? (
          <p>
            Over the last {forecast.weeksLookedAt} weeks you logged {forecast.runsPerWeek.toFixed(1)} runs a week
            {forecast.painfulShare === null ? ', none with a pain note yet' : ', and the knee did not hurt on them'}. The experiment needs runs on which the pain begins.
          </p>
        ) : (
          <p>
            Over the last {forecast.weeksLookedAt} weeks you ran {forecast.runsPerWeek.toFixed(1)} times a week and the knee began to hurt on {Math.round(100 * (forecast.painfulShare ?? 0))}%
            of the runs with a pain note: about {forecast.painfulRunsPerWeek.toFixed(1)} painful runs a week. At that pace {setup.defaults.painfulRuns} painful runs take about{' '}
            <strong>{forecast.weeksForDefault} weeks</strong>.
          </p>
        )}
        <p className="muted">
          Why {setup.defaults.painfulRuns}: in the proof’s simulation (1,000 experiments per row, README) that many painful runs found an effect that halves the hazard of the pain
          starting (hazard ratio 0.5) in at least 80% of experiments at 4 runs a week (the fewest that did), while experiments where activation did nothing made a false claim about 5% of the time or less with a look every week — the rule is built so it cannot exceed 5%. A
          length in weeks gives as many painful runs as your knee produces in them; at 3–5 runs a week, 8 or 12 weeks find a halving far less often (see the table in the README).
        </p>
      </section>
    </div>
  );
}
