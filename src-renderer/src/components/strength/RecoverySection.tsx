import { InputEcho } from '../InputEcho';
import { useId, useState, type FormEvent } from 'react';
import { recoveryKindLabels, recoveryKinds, type RecoveryEntry, type RecoveryKind } from '../../../../src-main/shared/strength';
import { useSave } from '../../api/hooks';
import { formatLocalDate, todayLocalDate } from '../../local-clock';

interface Props {
  entries: RecoveryEntry[];
  onAdded: (entry: RecoveryEntry) => void;
  onDelete: (entry: RecoveryEntry) => void;
}

const fields = ['kind', 'localDate', 'durationSeconds', 'notes'] as const;

/** Foam rolling, stretching, massage, ice: logged apart from strength work, never counted as glute work. */
export function RecoverySection({ entries, onAdded, onDelete }: Props) {
  const id = useId();
  const [kind, setKind] = useState<RecoveryKind>('foam_rolling');
  const [localDate, setLocalDate] = useState(todayLocalDate());
  const [minutes, setMinutes] = useState('');
  const [notes, setNotes] = useState('');
  const { save, refuse, invalid, fieldError, formError, saving } = useSave('recovery:add', { fields });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (minutes.trim() !== '' && !/^\d+$/.test(minutes.trim())) {
      refuse({ fields: { durationSeconds: 'Give the minutes as a whole number, e.g. 10.' } });
      return;
    }
    const entry = await save({
      localDate,
      kind,
      durationSeconds: minutes.trim() === '' ? null : Number(minutes) * 60,
      notes,
    });
    if (!entry) return;
    setMinutes('');
    setNotes('');
    onAdded(entry);
  }

  return (
    <section className="strength-section" aria-labelledby="recovery-heading">
      <div className="section-head">
        <div>
          <h2 id="recovery-heading">Recovery</h2>
          <p className="muted">
            Foam rolling, stretching, massage and ice baths, noted for your own record. They are not glute work: they do not count
            towards your glute plan, and the Insights keep them apart.
          </p>
        </div>
      </div>
      <form className="card recovery-form" onSubmit={submit} aria-label="Log recovery" noValidate>
        <div className="field">
          <label htmlFor={`${id}-kind`}>What</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as RecoveryKind)} {...invalid('kind')}>
            {recoveryKinds.map((option) => (
              <option key={option} value={option}>
                {recoveryKindLabels[option]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input id={`${id}-date`} type="date" value={localDate} max={todayLocalDate()} onChange={(e) => setLocalDate(e.target.value)} {...invalid('localDate')} />
          <InputEcho kind="date" value={localDate} />
        </div>
        <div className="field minutes">
          <label htmlFor={`${id}-minutes`}>Minutes (optional)</label>
          <input id={`${id}-minutes`} inputMode="numeric" autoComplete="off" placeholder="10" value={minutes} onChange={(e) => setMinutes(e.target.value)} {...invalid('durationSeconds')} />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-notes`}>Notes (optional)</label>
          <input id={`${id}-notes`} value={notes} maxLength={2000} placeholder="e.g. right thigh" onChange={(e) => setNotes(e.target.value)} {...invalid('notes')} />
        </div>
        <button type="submit" disabled={saving}>
          Log recovery
        </button>
        <div className="recovery-problem">
          {fields.map((field) => (
            <div key={field}>{fieldError(field)}</div>
          ))}
          {formError}
        </div>
      </form>
      {entries.length === 0 ? (
        <p className="hint">No recovery logged yet.</p>
      ) : (
        <ul className="recovery-list card">
          {entries.map((entry) => (
            <li key={entry.id} data-testid="recovery-row">
              <span className="recovery-date">{formatLocalDate(entry.localDate)}</span>
              <span className="recovery-kind">{recoveryKindLabels[entry.kind]}</span>
              <span className="muted">{entry.durationSeconds !== null ? `${Math.round(entry.durationSeconds / 60)} min` : ''}</span>
              <span className="muted recovery-notes">{entry.notes}</span>
              <button
                type="button"
                className="small"
                onClick={() => onDelete(entry)}
                aria-label={`Delete ${recoveryKindLabels[entry.kind].toLowerCase()} of ${formatLocalDate(entry.localDate)}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
