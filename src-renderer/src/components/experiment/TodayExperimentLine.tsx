import { useChannel, useSave } from '../../api/hooks';
import { formatDistance } from '../../../../src-main/shared/units';
import { formatLocalDate } from '../../local-clock';
import { useNavigate } from '../../navigation';
import { useLoadedSettings } from '../../settings-context';
import { exerciseWords, todayWords } from './experiment-words';
import './experiment.css';

/**
 * Today's line while an experiment runs: "Before your next run: activation first" (or "no
 * activation"), drawn and stored the first time it is shown, and the one question after each
 * experiment run — was the activation routine done? Its own component, so Today's layout can
 * move around it.
 */
export function TodayExperimentLine() {
  const { units } = useLoadedSettings();
  const navigate = useNavigate();
  const { data: line } = useChannel('experiment:today');
  const answer = useSave('experiment:answer');
  if (!line) return null;
  const activation = line.state === 'running' && line.arm === 'activation';
  return (
    <section className={`card experiment-today ${activation ? 'experiment-today-activation' : ''}`} aria-labelledby="experiment-today-heading">
      <h2 id="experiment-today-heading">Your experiment</h2>
      {line.state === 'running' ? (
        <>
          <p className="experiment-today-line" data-testid="experiment-today-line">
            Before your next run: <strong>{todayWords[line.arm]}</strong>
          </p>
          <p className="muted">
            {activation
              ? `${line.routine.exercises.map(exerciseWords).join('; ')} — about ${line.routine.minutes} minutes, just before you set off.`
              : 'Run as you would without the routine; do no activation exercises before it.'}{' '}
            {line.scheme === 'run_day_blocks_of_4' ? `Run day ${line.unitNumber}.` : `Week ${line.unitNumber}: the same all week.`}
          </p>
        </>
      ) : line.state === 'not_started' ? (
        <p>Your experiment starts on {formatLocalDate(line.startDate)}. Today will say what to do before each run from then on.</p>
      ) : (
        <p>Your experiment has finished. No more assignments are drawn.</p>
      )}
      {line.unanswered.map((run) => (
        <div className="experiment-question" key={run.runId} role="group" aria-label={`Activation before the run of ${formatLocalDate(run.localDate)}`}>
          <p>
            Your run of {formatLocalDate(run.localDate)} ({formatDistance(run.distanceMetres, units, 1)}, {todayWords[run.arm]} was assigned): was the activation routine done
            before it?
          </p>
          <div className="quick-actions">
            <button type="button" disabled={answer.saving} onClick={() => answer.save({ runId: run.runId, activationDone: 'done' })}>
              Done
            </button>
            <button type="button" disabled={answer.saving} onClick={() => answer.save({ runId: run.runId, activationDone: 'partly' })}>
              Partly
            </button>
            <button type="button" disabled={answer.saving} onClick={() => answer.save({ runId: run.runId, activationDone: 'not_done' })}>
              Not done
            </button>
          </div>
        </div>
      ))}
      {answer.formError}
      <button type="button" className="link" onClick={() => navigate('experiment')}>
        See the experiment
      </button>
    </section>
  );
}
