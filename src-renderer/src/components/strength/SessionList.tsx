import { useId, useState, type FormEvent } from 'react';
import { summariseExercise, type Routine, type StrengthSession } from '../../../../src-main/shared/strength';
import { useSave } from '../../api/hooks';
import { formatLocalDate } from '../../local-clock';
import { useLoadedSettings } from '../../settings-context';

interface Props {
  sessions: StrengthSession[];
  onEdit: (session: StrengthSession) => void;
  onDelete: (session: StrengthSession) => void;
  onRoutineSaved: (routine: Routine) => void;
}

/** The sessions, newest first: what was done, and whether it counts as glute work. */
export function SessionList({ sessions, onEdit, onDelete, onRoutineSaved }: Props) {
  const [savingAsRoutine, setSavingAsRoutine] = useState<number>();
  const { loadUnit } = useLoadedSettings();
  return (
    <ul className="session-list">
      {sessions.map((session) => {
        const date = formatLocalDate(session.localDate);
        const facts = [
          session.durationSeconds !== null ? `${Math.round(session.durationSeconds / 60)} min` : '',
          session.rpe !== null ? `effort ${session.rpe}/10` : '',
        ].filter(Boolean);
        return (
          <li key={session.id} className="card session-card" data-testid="session-row" tabIndex={-1} data-focus-key={`session-${session.id}`}>
            <div className="session-head">
              <h3>{date}</h3>
              {session.countsAsGluteWork ? (
                <span className="pill glute-badge" title="Counts towards your glute plan">
                  Glute/hip
                </span>
              ) : (
                <span className="pill category-pill" title="No glute or hip exercise: does not count towards your glute plan">
                  Not glute work
                </span>
              )}
              {facts.length > 0 ? <span className="muted session-facts">{facts.join(' · ')}</span> : null}
              <div className="row-actions">
                <button type="button" className="small" onClick={() => onEdit(session)} aria-label={`Edit the session of ${date}`}>
                  Edit
                </button>
                <button type="button" className="small" onClick={() => setSavingAsRoutine(session.id)} aria-label={`Save the session of ${date} as a routine`}>
                  Save as routine
                </button>
                <button type="button" className="small" onClick={() => onDelete(session)} aria-label={`Delete the session of ${date}`}>
                  Delete
                </button>
              </div>
            </div>
            <ul className="session-exercises">
              {session.exercises.map((entry, index) => (
                <li key={index}>{summariseExercise(entry, loadUnit)}</li>
              ))}
            </ul>
            {session.notes ? <p className="session-notes">{session.notes}</p> : null}
            {savingAsRoutine === session.id ? (
              <SaveAsRoutine
                session={session}
                onSaved={(routine) => {
                  setSavingAsRoutine(undefined);
                  onRoutineSaved(routine);
                }}
                onCancel={() => setSavingAsRoutine(undefined)}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function SaveAsRoutine({ session, onSaved, onCancel }: { session: StrengthSession; onSaved: (routine: Routine) => void; onCancel: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const { save, problem: refusal, saving } = useSave('routines:saveFromSession');
  const problem = refusal?.form ?? (Object.values(refusal?.fields ?? {})[0] as string | undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const routine = await save({ sessionId: session.id, name });
    if (routine) onSaved(routine);
  }

  return (
    <form className="routine-form" onSubmit={submit} aria-label="Save as routine" noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Routine name</label>
        <div className="with-suffix">
          <input
            id={`${id}-name`}
            value={name}
            maxLength={100}
            placeholder="e.g. Tuesday hips"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problem !== undefined}
            aria-describedby={problem ? `${id}-problem` : `${id}-hint`}
            autoFocus
          />
          <button type="submit" className="primary small" disabled={saving}>
            Save routine
          </button>
          <button type="button" className="small" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {problem ? (
          <p className="field-error" id={`${id}-problem`} role="alert">
            {problem}
          </p>
        ) : (
          <p className="hint" id={`${id}-hint`}>
            Keeps these exercises with their sets, reps and bands, to start a session from in one click.
          </p>
        )}
      </div>
    </form>
  );
}
