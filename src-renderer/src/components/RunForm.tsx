import { useId, useState, type FormEvent } from 'react';
import type { Run } from '../../../src-main/shared/domain';
import { parseDecimal, parseDuration, toMetres, unitLabel } from '../../../src-main/shared/units';
import { StanceError, messageOf, request } from '../api/client';
import { allTimeZones, nowLocalTime, systemTimeZone, todayLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';

const fields = ['localDate', 'localTime', 'timeZone', 'distanceMetres', 'durationSeconds'] as const;
type Field = (typeof fields)[number];

function asField(name: string | undefined): Field | undefined {
  return fields.find((field) => field === name);
}

interface Props {
  onSaved: (run: Run) => void;
  onCancel: () => void;
}

/** Log a run by hand: when, how far, how long. Every check that matters is made by main. */
export function RunForm({ onSaved, onCancel }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const [localDate, setLocalDate] = useState(todayLocalDate());
  const [localTime, setLocalTime] = useState(nowLocalTime());
  const [timeZone, setTimeZone] = useState(systemTimeZone());
  const [distance, setDistance] = useState('');
  const [duration, setDuration] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ field?: Field | undefined; message: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const distanceInUnits = parseDecimal(distance);
    if (distanceInUnits === null) {
      setProblem({ field: 'distanceMetres', message: `Give the distance as a number of ${unitLabel(units)}, e.g. 6.2.` });
      return;
    }
    const durationSeconds = parseDuration(duration);
    if (durationSeconds === null) {
      setProblem({ field: 'durationSeconds', message: 'Give the duration as h:mm:ss (1:02:30) or mm:ss (48:15).' });
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      const run = await request('runs:add', {
        localDate,
        localTime,
        timeZone,
        distanceMetres: toMetres(distanceInUnits, units),
        durationSeconds,
      });
      onSaved(run);
    } catch (error) {
      const field = error instanceof StanceError ? asField(error.field) : undefined;
      setProblem({ field, message: messageOf(error) });
    } finally {
      setSaving(false);
    }
  }

  const fieldError = (field: Field) =>
    problem?.field === field ? (
      <p className="field-error" id={`${id}-${field}-error`} role="alert">
        {problem.message}
      </p>
    ) : null;
  const describedBy = (field: Field) => (problem?.field === field ? `${id}-${field}-error` : undefined);

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Log a run</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={localDate}
            max={todayLocalDate()}
            onChange={(e) => setLocalDate(e.target.value)}
            aria-invalid={problem?.field === 'localDate'}
            aria-describedby={describedBy('localDate')}
          />
          {fieldError('localDate')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Start time</label>
          <input
            id={`${id}-time`}
            type="time"
            required
            value={localTime}
            onChange={(e) => setLocalTime(e.target.value)}
            aria-invalid={problem?.field === 'localTime'}
            aria-describedby={describedBy('localTime')}
          />
          {fieldError('localTime')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-zone`}>Time zone</label>
          <select id={`${id}-zone`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {allTimeZones().map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {fieldError('timeZone')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-distance`}>Distance ({unitLabel(units)})</label>
          <div className="with-suffix">
            <input
              id={`${id}-distance`}
              inputMode="decimal"
              autoComplete="off"
              placeholder={units === 'mi' ? '6.2' : '10'}
              value={distance}
              onChange={(e) => setDistance(e.target.value)}
              aria-invalid={problem?.field === 'distanceMetres'}
              aria-describedby={describedBy('distanceMetres')}
              autoFocus
            />
            <span aria-hidden="true">{units}</span>
          </div>
          {fieldError('distanceMetres')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-duration`}>Duration (h:mm:ss)</label>
          <input
            id={`${id}-duration`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="0:52:30"
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            aria-invalid={problem?.field === 'durationSeconds'}
            aria-describedby={describedBy('durationSeconds')}
          />
          {fieldError('durationSeconds')}
        </div>
      </div>
      {problem && !problem.field ? (
        <p className="form-error" role="alert">
          {problem.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save run'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
